package dateline.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.TestSite;
import dateline.content.ReservedSlugs;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.ImageUpload;
import dateline.content.Section;
import dateline.content.SiteSettings;
import dateline.content.Urls;
import dateline.platform.TestDatabase;
import dateline.platform.ValidationFailed;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.xml.sax.InputSource;

/**
 * What a hostile reader, a monitor or a scanner sees from outside, on each database: HEAD answers as
 * GET does without a body, structured data cannot be broken out of, odd addresses answer 404 rather
 * than 500, the security headers are on every response, and the metrics need their token.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class HardeningHttpTest {
    static final String TOKEN = "s3cret-metrics-token";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    TestSite site;
    Section world;
    Article story;

    @BeforeEach
    void setUp() {
        site = TestSite.start(database, tempDir, Map.of("DATELINE_METRICS_TOKEN", TOKEN));
        world = site.givenSection("World");
        Article draft = site.content.create(new ArticleDraft("Close </script><!--<script> & \u2028 breaks", "Standfirst <b>", "<p>Body.</p>",
                "", world.id(), List.of(), List.of("Trade"), null, "en", "staff", null), "test");
        story = site.content.publish(draft.id(), draft.version(), "test");
        site.awaitViews();
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private HttpResponse<String> head(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + site.app.port() + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void head_answers_every_kind_of_route_exactly_as_get_without_the_body() throws Exception {
        String article = Urls.article(story, ZoneOffset.UTC);
        for (String path : List.of("/", article, article, "/world", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/news-sitemap.xml",
                "/robots.txt", "/search?q=breaks", "/api/openapi.json", "/nowhere", "/healthz")) {
            site.get(path); // the first GET fills the page cache; both answers below then come from the same place
            HttpResponse<String> get = site.get(path);
            HttpResponse<String> head = head(path);

            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
            assertThat(head.body()).as("HEAD " + path).isEmpty();
            for (String header : List.of("Content-Type", "ETag", "Cache-Control", "Surrogate-Key", "Last-Modified", "Content-Security-Policy")) {
                assertThat(head.headers().firstValue(header)).as(header + " on HEAD " + path).isEqualTo(get.headers().firstValue(header));
            }
            if (get.statusCode() == 200 && get.headers().firstValue("Content-Length").isPresent()) {
                assertThat(head.headers().firstValue("Content-Length")).as("Content-Length on HEAD " + path)
                        .isEqualTo(get.headers().firstValue("Content-Length"));
            }
        }
    }

    @Test
    void structured_data_escapes_what_could_close_its_script_or_open_a_comment() {
        String page = site.get(Urls.article(story, ZoneOffset.UTC)).body();
        int start = page.indexOf("<script type=\"application/ld+json\">") + "<script type=\"application/ld+json\">".length();
        String jsonLd = page.substring(start, page.indexOf("</script>", start));

        assertThat(jsonLd).doesNotContain("<", ">", "&", "\u2028").contains("\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003e \\u0026");
        assertThat(page).contains("<h1 class=\"story-headline\">Close &lt;/script&gt;&lt;!--&lt;script&gt; &amp;");
    }

    @Test
    void sitemap_addresses_with_absurd_numbers_are_not_found_rather_than_failing() {
        for (String path : List.of("/sitemaps/2025-01-99999999999.xml", "/sitemaps/2025-13.xml", "/sitemaps/99999-01.xml", "/sitemaps/2025-01-1.xml",
                "/sitemaps/x.xml", "/sitemaps/2025-01-2147483648.xml")) {
            assertThat(site.get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void every_response_says_what_the_browser_may_do_and_isolates_the_window() {
        for (String path : List.of("/", Urls.article(story, ZoneOffset.UTC), "/desk/login", "/nowhere")) {
            HttpResponse<String> response = site.get(path);
            assertThat(response.headers().firstValue("Permissions-Policy")).as(path).hasValueSatisfying(v -> assertThat(v).contains("camera=()"));
            assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).as(path).hasValue("same-origin");
        }
    }

    @Test
    void metrics_answer_only_to_the_configured_bearer_token() {
        assertThat(site.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(site.get("/metrics", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> scraped = site.get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("dateline_page_cache_total");
    }

    @Test
    void control_characters_in_a_headline_never_break_a_feed_or_sitemap() throws Exception {
        Article draft = site.content.create(new ArticleDraft("Bell\u0007 rings\u000B twice\uFFFF", "Stand\u0001first", "<p>Body\u0002.</p>", "",
                world.id(), List.of(), List.of(), null, "en", "staff", null), "test");
        site.content.publish(draft.id(), draft.version(), "test");
        site.awaitViews();

        for (String path : List.of("/feed.xml", "/atom.xml", "/news-sitemap.xml", "/world/feed.xml")) {
            String xml = site.get(path).body();
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            assertThat(document.getDocumentElement().getTextContent()).as(path).contains("Bell rings twice");
        }
    }

    @Test
    void a_tag_only_drafts_carry_is_neither_listed_nor_given_a_page() {
        site.content.create(new ArticleDraft("Merger talks", "", "<p>Not yet.</p>", "", world.id(), List.of(), List.of("Secret Merger"),
                null, "en", "staff", null), "test");
        String key = site.app.parts().apiKeys().create("partner");

        assertThat(site.get("/tag/secret-merger").statusCode()).isEqualTo(404);
        String tags = site.get("/api/v1/tags", "Authorization", "Bearer " + key).body();
        assertThat(tags).contains("\"trade\"").doesNotContain("secret-merger", "Secret Merger");
    }

    @Test
    void the_site_icon_is_served_by_default_and_an_admin_can_choose_one_and_the_reader_view_describes_itself() throws Exception {
        HttpResponse<byte[]> standard = site.getBytes("/favicon.ico");
        assertThat(standard.statusCode()).isEqualTo(200);
        assertThat(standard.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        var defaultIcon = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(standard.body()));
        assertThat(defaultIcon.getWidth()).isEqualTo(64);
        assertThat(site.get("/").body()).contains("<link rel=\"icon\" href=\"/favicon.ico\">");

        var green = new java.awt.image.BufferedImage(300, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = green.createGraphics();
        g.setColor(java.awt.Color.GREEN);
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        var png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(green, "png", png);
        var image = site.content.addImage(ImageUpload.check(png.toByteArray()), "Our icon", "", "");
        site.content.saveSettings(new SiteSettings("", "", image.id()));
        site.awaitViews();

        var chosen = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(site.getBytes("/favicon.ico").body()));
        assertThat(chosen.getWidth()).isEqualTo(64);
        assertThat(new java.awt.Color(chosen.getRGB(32, 32))).isEqualTo(java.awt.Color.GREEN);
        String read = site.get(Urls.article(story, ZoneOffset.UTC) + "/read").body();
        assertThat(read).contains("<meta name=\"description\" content=\"Standfirst &lt;b>\">");
    }

    @Test
    void no_section_can_take_an_address_a_fixed_route_answers() {
        for (String slug : List.of("v", "sitemaps", "desk", "search", "most-read", "tag", "author", "api", "static", "media", "healthz", "metrics")) {
            assertThatThrownBy(() -> site.content.createSection("Reserved " + slug, slug, "", 9)).as(slug)
                    .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors().asMap()).containsKey("slug"));
        }
        assertThat(site.content.createSection("Business", "business", "", 9).slug()).isEqualTo("business");
    }

    @Test
    void commands_that_do_not_build_the_router_reserve_the_same_addresses_it_answers() {
        // the importers run from the command line without the site: they reserve the list kept in ReservedSlugs, which must be the router's
        assertThat(ReservedSlugs.ROUTES).isEqualTo(site.app.parts().core().reserved().all());
    }
}
