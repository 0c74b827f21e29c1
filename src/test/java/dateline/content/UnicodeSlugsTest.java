package dateline.content;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.SiteTestCase;
import dateline.platform.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Slugs in every script, end to end on each database: made, stored, printed encoded, found either way. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UnicodeSlugsTest extends SiteTestCase {
    @Test
    void slugs_keep_the_words_of_every_script_and_fold_latin_accents() {
        assertThat(Slugs.slugify("Ελληνικά νέα")).isEqualTo("ελληνικά-νέα");
        assertThat(Slugs.slugify("Новости дня")).isEqualTo("новости-дня");
        assertThat(Slugs.slugify("أخبار اليوم")).isEqualTo("أخبار-اليوم");
        assertThat(Slugs.slugify("Հայաստանի լուրեր")).isEqualTo("հայաստանի-լուրեր");
        assertThat(Slugs.slugify("中文 新闻")).isEqualTo("中文-新闻");
        assertThat(Slugs.slugify("हिन्दी समाचार")).isEqualTo("हिन्दी-समाचार");
        assertThat(Slugs.slugify("Café Müller's Straße")).isEqualTo("cafe-mullers-strasse");
        assertThat(Slugs.slugify("  -- !! ")).isEmpty();
        for (String valid : List.of("ελληνικά-νέα", "новости", "أخبار-اليوم", "中文", "हिन्दी-समाचार", "plain-ascii-2")) {
            assertThat(Slugs.isValid(valid)).as(valid).isTrue();
        }
        for (String invalid : List.of("Новости", "a--b", "-a", "a b", "has/slash", "")) {
            assertThat(Slugs.isValid(invalid)).as(invalid).isFalse();
        }
        assertThat(Urls.tag("ελλάδα")).isEqualTo("/tag/%CE%B5%CE%BB%CE%BB%CE%AC%CE%B4%CE%B1");
        assertThat(Urls.tag("ports")).isEqualTo("/tag/ports");
    }

    @Test
    void a_story_section_and_tag_in_greek_and_cyrillic_work_on_the_site_feeds_sitemap_and_api() throws Exception {
        Section news = site.content.createSection("Новости", null, "", 1);
        assertThat(news.slug()).isEqualTo("новости");
        Article story = site.content.create(new ArticleDraft("Ειδήσεις σήμερα", "Σύντομα.", "<p>Κείμενο.</p>", "Αθήνα", news.id(), List.of(),
                List.of("Ελλάδα"), null, "el", "staff", null), "test");
        assertThat(story.slug()).isEqualTo("ειδήσεις-σήμερα");
        assertThat(story.tags()).extracting(Tag::slug).containsExactly("ελλάδα");
        story = site.content.publish(story.id(), story.version(), "test");
        site.awaitViews();

        String page = Urls.article(story, site.config().zone());
        assertThat(page).endsWith("/%CE%B5%CE%B9%CE%B4%CE%AE%CF%83%CE%B5%CE%B9%CF%82-%CF%83%CE%AE%CE%BC%CE%B5%CF%81%CE%B1");
        HttpResponse<String> article = site.get(page);
        assertThat(article.statusCode()).isEqualTo(200);
        assertThat(article.body()).contains("Ειδήσεις σήμερα").contains("<link rel=\"canonical\" href=\"" + site.config().siteUrl() + page + "\">");
        assertThat(site.get(Urls.section(news)).statusCode()).isEqualTo(200);
        assertThat(site.get(Urls.tag("ελλάδα")).statusCode()).isEqualTo(200);
        assertThat(site.get(Urls.tag("ελλάδα") + "/feed.xml").body()).contains("<link>" + site.config().siteUrl() + page + "</link>");
        assertThat(site.get(Urls.section(news) + "/feed.xml").statusCode()).isEqualTo(200);
        String month = page.substring(1, 8).replace('/', '-');
        assertThat(site.get("/sitemaps/" + month + ".xml").body()).contains("<loc>" + site.config().siteUrl() + page + "</loc>");
        String key = site.app.parts().apiKeys().create("reader");
        assertThat(site.get("/api/v1/articles/" + story.id(), "Authorization", "Bearer " + key).body())
                .contains(site.config().siteUrl() + Urls.tag("ελλάδα")).contains(site.config().siteUrl() + Urls.section(news));
    }
}
