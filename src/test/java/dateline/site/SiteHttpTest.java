package dateline.site;

import dateline.platform.Page;
import dateline.demo.DemoImagesForTests;
import dateline.content.Urls;
import dateline.content.SiteSettings;
import dateline.content.ImageUpload;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.SiteTestCase;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.Section;
import dateline.platform.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The public site over real HTTP, on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SiteHttpTest extends SiteTestCase {
    Author ada;

    @BeforeEach
    void setUp() {
        ada = site.givenAuthor("Ada Reporter");
    }


    private String url(Article article) {
        return Urls.article(article, java.time.ZoneOffset.UTC);
    }

    @Test
    void every_page_type_answers_200_with_its_content() {
        Article story = site.givenPublished("Rates held steady", world, ada);

        assertThat(site.get("/").body()).contains("Rates held steady");
        assertThat(site.get("/world").body()).contains("<h1>World</h1>", "Rates held steady");
        assertThat(site.get("/tag/politics").body()).contains("<h1>Politics</h1>", "Rates held steady");
        assertThat(site.get("/author/ada-reporter").body()).contains("<h1>Ada Reporter</h1>", "Rates held steady");
        HttpResponse<String> page = site.get(url(story));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<h1 class=\"story-headline\">Rates held steady</h1>",
                "<a rel=\"author\" href=\"/author/ada-reporter\">Ada Reporter</a>",
                "Published <time datetime=\"2026-03-02T09:00:00Z\">2 March 2026, 09:00 UTC</time>",
                "<link rel=\"canonical\" href=\"https://news.example.org/2026/03/02/rates-held-steady\">");
        for (String path : List.of("/", "/world", "/tag/politics", "/author/ada-reporter", url(story), "/search?q=rates", "/most-read", "/nowhere",
                "/feed.xml", "/sitemap.xml")) {
            assertThat(site.get(path).headers().firstValue("Surrogate-Key")).as("Surrogate-Key on " + path).isPresent();
        }
        assertThat(site.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(site.get("/metrics").statusCode()).as("no token set: no metrics").isEqualTo(404);
    }

    @Test
    void unknown_addresses_get_the_404_page() {
        HttpResponse<String> missing = site.get("/2026/03/02/no-such-story");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found", "There is no story at this address.");
        assertThat(site.get("/no-such-section").statusCode()).isEqualTo(404);
        assertThat(site.get("/tag/no-such-tag").statusCode()).isEqualTo(404);
        assertThat(site.get("/a/b/c/d/e").statusCode()).isEqualTo(404);
    }

    @Test
    void drafts_are_not_public_and_unpublished_stories_are_gone() {
        Article draft = site.content.create(site.givenDraft("Secret draft", world, ada), "ada");
        Article published = site.givenPublished("Short-lived story", world, ada);
        String address = url(published);

        site.content.unpublish(published.id(), published.version(), "editor");
        site.awaitViews();

        assertThat(site.get("/2026/03/02/" + draft.slug()).statusCode()).isEqualTo(404);
        assertThat(site.get(address).statusCode()).isEqualTo(410);
        assertThat(site.get("/").body()).doesNotContain("Secret draft", "Short-lived story");
    }

    @Test
    void an_old_slug_or_a_wrong_date_redirects_permanently_to_the_canonical_address() {
        Article story = site.givenPublished("Rates held steady", world, ada);
        Article renamed = site.content.edit(story.id(), story.version(), ArticleDraft.of(story).withSlug("rates-unchanged"), "editor");

        HttpResponse<String> oldSlug = site.get("/2026/03/02/rates-held-steady");
        HttpResponse<String> wrongDate = site.get("/2025/01/01/rates-unchanged");

        assertThat(oldSlug.statusCode()).isEqualTo(301);
        assertThat(oldSlug.headers().firstValue("Location")).contains(url(renamed));
        assertThat(wrongDate.statusCode()).isEqualTo(301);
        assertThat(wrongDate.headers().firstValue("Location")).contains("/2026/03/02/rates-unchanged");
    }

    @Test
    void a_cached_page_revalidates_with_its_etag_and_answers_304() {
        Article story = site.givenPublished("Rates held steady", world, ada);
        HttpResponse<String> first = site.get(url(story));
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = site.get(url(story), "If-None-Match", etag);

        assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=0, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400");
        assertThat(first.headers().firstValue("Surrogate-Key").orElseThrow().split(" ")).contains("article:" + story.id(), "nav");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);
    }

    @Test
    void clients_that_accept_gzip_get_the_precompressed_variant() throws IOException {
        Article story = site.givenPublished("Rates held steady", world, ada);
        String plain = site.get(url(story)).body();

        HttpResponse<byte[]> zipped = site.getBytes(url(story), "Accept-Encoding", "gzip");

        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
        String zippedTag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(site.get(url(story), "If-None-Match", zippedTag, "Accept-Encoding", "gzip").statusCode()).isEqualTo(304);
    }

    @Test
    void an_edit_evicts_every_cached_page_that_shows_the_story() {
        Article story = site.givenPublished("Rates held steady", world, ada);
        for (String path : new String[] {"/", "/world", "/tag/politics", "/author/ada-reporter", url(story)}) {
            assertThat(site.get(path).body()).contains("Rates held steady");
        }

        site.content.edit(story.id(), story.version(), ArticleDraft.of(story).withHeadline("Rates cut by half a point"), "editor");
        site.awaitViews();

        for (String path : new String[] {"/", "/world", "/tag/politics", "/author/ada-reporter", url(story)}) {
            assertThat(site.get(path).body()).as(path).contains(">Rates cut by half a point<").doesNotContain(">Rates held steady<");
        }
    }

    @Test
    void the_updated_time_appears_only_after_a_change_made_after_publication() {
        Article story = site.givenPublished("Rates held steady", world, ada);
        assertThat(site.get(url(story)).body()).contains("Published <time").doesNotContain("Updated <time");

        site.clock.advance(Duration.ofMinutes(90));
        Article corrected = site.content.correct(story.id(), story.version(), "An earlier version misnamed the bank.", "editor");
        site.awaitViews();

        assertThat(site.get(url(corrected)).body()).contains(
                "Updated <time datetime=\"2026-03-02T10:30:00Z\">2 March 2026, 10:30 UTC</time>",
                "An earlier version misnamed the bank.");
    }

    @Test
    void list_pages_paginate_and_refuse_bad_page_numbers() {
        for (int i = 1; i <= Pagination.PAGE_SIZE + 3; i++) {
            site.clock.advance(Duration.ofMinutes(1));
            site.givenPublished("Story number " + i, world, ada);
        }

        String first = site.get("/world").body();
        String second = site.get("/world?page=2").body();

        assertThat(first).contains("Story number 23", "Page 1 of 2", "href=\"/world?page=2\"").doesNotContain("Story number 3<");
        assertThat(second).contains("Story number 3<", "Story number 1<", "Page 2 of 2");
        assertThat(site.get("/world?page=3").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = site.get("/world?page=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("The page number must be a whole number from 1 up, not 'abc'.");
    }

    @Test
    void images_are_served_from_the_database_with_a_long_cache_life() {
        byte[] png = DemoImagesForTests.png(1, 1);
        var image = site.content.addImage(ImageUpload.check(png), "A dot", "", "");

        HttpResponse<byte[]> response = site.getBytes(image.path());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly(png);
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(site.getBytes("/media/" + image.id() + ".jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void a_new_section_appears_in_every_page_navigation() {
        site.givenPublished("Rates held steady", world, ada);
        assertThat(site.get("/").body()).doesNotContain("href=\"/sport\"");

        site.givenSection("Sport");
        site.awaitViews();

        assertThat(site.get("/").body()).contains("href=\"/sport\"");
        assertThat(site.get("/world").body()).contains("href=\"/sport\"");
    }

    @Test
    void the_reader_view_has_its_own_address_canonical_to_the_story() {
        Article story = site.givenPublished("Rates held steady", world, ada);

        HttpResponse<String> reader = site.get(url(story) + "/read");

        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(reader.body()).contains("<link rel=\"canonical\" href=\"https://news.example.org" + url(story) + "\">",
                "Leave read mode", "Rates held steady").doesNotContain("class=\"masthead\"", "Top Content");
        assertThat(site.get(url(story)).body()).contains("href=\"" + url(story) + "/read\"", "Read mode", "100%");
    }

    @Test
    void search_finds_stories_and_refuses_malformed_filters_clearly() {
        site.givenPublished("Rates held steady", world, ada);
        site.awaitViews();

        assertThat(site.get("/search?q=rates").body()).contains("1 story matches", "Rates held steady");
        assertThat(site.get("/search?q=nothing-like-this").body()).contains("No stories match");
        HttpResponse<String> badDate = site.get("/search?q=rates&from=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("'yesterday' is not a date", "2026-03-31");
        assertThat(site.get("/search?q=rates&sort=popular").statusCode()).isEqualTo(400);
        assertThat(site.get("/search?q=rates&section=nowhere").statusCode()).isEqualTo(400);
    }

    @Test
    void a_beacon_counts_a_view_and_trending_refreshes_the_pages_that_show_it() {
        Article story = site.givenPublished("Rates held steady", world, ada);
        Article other = site.givenPublished("Another story", world, ada);
        assertThat(site.get(url(other)).body()).contains("Nothing is trending yet");

        HttpResponse<String> beacon = site.post("/v/" + story.id(), "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        HttpResponse<byte[]> pixel = site.getBytes("/v/" + other.id() + ".gif", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        site.app.parts().trendingJob().run();

        assertThat(beacon.statusCode()).isEqualTo(204);
        assertThat(pixel.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(site.get(url(other)).body()).doesNotContain("Nothing is trending yet").contains("<a href=\"" + url(story) + "\">Rates held steady</a>");
        assertThat(site.get("/most-read").body()).contains("Rates held steady", "1 view");
        assertThat(site.get("/most-read/1h").statusCode()).isEqualTo(200);
        assertThat(site.get("/most-read/24h").statusCode()).isEqualTo(404);
    }

    @Test
    void the_follow_line_shows_the_links_set_in_site_settings() {
        Article story = site.givenPublished("Rates held steady", world, ada);
        assertThat(site.get(url(story)).body()).doesNotContain("Google News");

        site.content.saveSettings(new SiteSettings("https://news.google.com/publications/x", ""));
        site.awaitViews();

        assertThat(site.get(url(story)).body()).contains("Follow Dateline on", "<a href=\"https://news.google.com/publications/x\">Google News</a>");
    }

    @Test
    void read_more_lists_related_stories_and_never_the_page_itself() {
        Article a = site.givenPublished("Central bank holds interest rates", world, ada);
        Article b = site.givenPublished("Interest rates held by central bank again", world, ada);
        site.awaitViews();

        String page = site.get(url(a)).body();

        assertThat(page).contains("Read more");
        assertThat(page.substring(page.indexOf("Read more"))).contains(url(b)).doesNotContain("href=\"" + url(a) + "\"");
    }
}
