package dateline.feeds;

import dateline.demo.DemoImagesForTests;
import dateline.content.Urls;
import dateline.content.ImageUpload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.NewsAttributes;
import dateline.SiteTestCase;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.Section;
import dateline.platform.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import org.xml.sax.InputSource;

/** Feeds, sitemaps and structured data as real consumers read them, on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FeedsHttpTest extends SiteTestCase {
    Author ada;
    Article story;

    @BeforeEach
    void setUp() {
        ada = site.givenAuthor("Ada Reporter");
        var image = site.content.addImage(ImageUpload.check(DemoImagesForTests.jpeg()), "A harbour at dusk",
                "The harbour.", "Photo: Ada");
        Article draft = site.content.create(new ArticleDraft("Harbour <reopens> & ships return", "Ships are back.",
                "<p>The harbour reopened on Monday.</p><p>Trade &amp; fishing resume.</p>", "Hull", world.id(), List.of(ada.id()),
                List.of("Shipping"), image.id(), "en", "staff", null), "ada");
        story = site.content.publish(draft.id(), draft.version(), "editor");
        site.clock.advance(Duration.ofMinutes(30));
        story = site.content.correct(story.id(), story.version(), "An earlier version misnamed the port.", "editor");
        site.awaitViews();
    }


    /** Parses with a namespace-aware parser that fails on any error, warning included. */
    static org.w3c.dom.Document strictXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            public void warning(SAXParseException e) throws SAXParseException { throw e; }
            public void error(SAXParseException e) throws SAXParseException { throw e; }
            public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
        });
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    static void validate(String xml, String... schemas) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        StreamSource[] sources = new StreamSource[schemas.length];
        for (int i = 0; i < schemas.length; i++) {
            sources[i] = new StreamSource(FeedsHttpTest.class.getResource("/feeds/" + schemas[i]).toString());
        }
        factory.newSchema(sources).newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void rss_and_atom_feeds_parse_with_rome_and_a_strict_xml_parser_for_every_scope() throws Exception {
        for (String scope : List.of("", "/world", "/tag/shipping", "/author/ada-reporter")) {
            for (String file : List.of("feed.xml", "atom.xml")) {
                HttpResponse<String> response = site.get(scope + "/" + file);
                assertThat(response.statusCode()).as(scope + "/" + file).isEqualTo(200);
                strictXml(response.body());
                SyndFeed feed = new SyndFeedInput().build(new StringReader(response.body()));
                assertThat(feed.getEntries()).hasSize(1);
                SyndEntry entry = feed.getEntries().get(0);
                assertThat(entry.getTitle()).isEqualTo("Harbour <reopens> & ships return");
                assertThat(entry.getLink()).isEqualTo("https://news.example.org/2026/03/02/harbour-reopens-ships-return");
            }
        }
        String rss = site.get("/feed.xml").body();
        assertThat(rss).contains("<content:encoded><![CDATA[<p>The harbour reopened on Monday.</p>", "<enclosure url=\"https://news.example.org/media/",
                "<media:content", "<dc:creator>Ada Reporter</dc:creator>", "<atom:link rel=\"self\" href=\"https://news.example.org/feed.xml\"");
        assertThat(site.get("/feed.xml").headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        assertThat(site.get("/no-such-section/feed.xml").statusCode()).isEqualTo(404);
        assertThat(site.get("/world/feed.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void the_json_feed_validates_against_the_json_feed_1_1_schema() throws Exception {
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(FeedsHttpTest.class.getResourceAsStream("/feeds/jsonfeed-1.1.schema.json"));
        for (String scope : List.of("", "/world", "/tag/shipping")) {
            String json = site.get(scope + "/feed.json").body();

            assertThat(schema.validate(json, InputFormat.JSON)).as(scope).isEmpty();
            JsonNode item = new ObjectMapper().readTree(json).path("items").get(0);
            assertThat(item.path("title").asText()).isEqualTo("Harbour <reopens> & ships return");
            assertThat(item.path("date_modified").asText()).isEqualTo("2026-03-02T09:30:00Z");
        }
        assertThat(schema.validate("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{}]}", InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void feeds_revalidate_with_etag_and_last_modified_and_change_when_a_story_is_published() {
        HttpResponse<String> first = site.get("/feed.xml");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(lastModified).isEqualTo("Mon, 2 Mar 2026 09:30:00 GMT");
        assertThat(site.get("/feed.xml", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(site.get("/feed.xml", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(first.headers().firstValue("Surrogate-Key").orElseThrow()).contains("feed", "home");

        site.givenPublished("A second story", world, ada);
        site.awaitViews();

        HttpResponse<String> after = site.get("/feed.xml", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("A second story");
    }

    @Test
    void pages_advertise_their_feeds_for_autodiscovery() {
        String section = site.get("/world").body();

        assertThat(section).contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Dateline (RSS)\" href=\"/feed.xml\">",
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"World (Atom)\" href=\"/world/atom.xml\">",
                "<link rel=\"alternate\" type=\"application/feed+json\" title=\"World (JSON Feed)\" href=\"/world/feed.json\">");
    }

    @Test
    void sitemaps_validate_against_the_sitemaps_org_schemas_and_split_by_month() throws Exception {
        site.clock.advance(Duration.ofDays(40));
        site.givenPublished("Next month's story", world, ada);
        site.awaitViews();

        String robots = site.get("/robots.txt").body();
        String index = site.get("/sitemap.xml").body();

        assertThat(robots).contains("Sitemap: https://news.example.org/sitemap.xml", "Sitemap: https://news.example.org/news-sitemap.xml");
        validate(index, "siteindex.xsd");
        assertThat(index).contains("<loc>https://news.example.org/sitemaps/2026-03.xml</loc>", "<loc>https://news.example.org/sitemaps/2026-04.xml</loc>");
        String march = site.get("/sitemaps/2026-03.xml").body();
        validate(march, "sitemap.xsd", "sitemap-news.xsd");
        assertThat(march).contains("<loc>https://news.example.org/2026/03/02/harbour-reopens-ships-return</loc>").doesNotContain("next-month");
        assertThat(site.get("/sitemaps/2025-01.xml").statusCode()).isEqualTo(404);
        assertThat(site.get("/sitemaps/nonsense.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void a_month_with_more_stories_than_a_file_holds_is_split_into_parts() throws Exception {
        for (int i = 0; i < 4; i++) {
            site.givenPublished("March story " + i, world, ada);
        }
        Sitemaps small = new Sitemaps(site.app.articles(), "Dateline", "https://news.example.org", ZoneOffset.UTC, site.clock,
                a -> Urls.article(a, ZoneOffset.UTC), 2);

        List<Sitemaps.Part> parts = small.parts();

        assertThat(parts).extracting(Sitemaps.Part::path).containsExactly("/sitemaps/2026-03.xml", "/sitemaps/2026-03-2.xml", "/sitemaps/2026-03-3.xml");
        int urls = 0;
        for (int p = 1; p <= 3; p++) {
            String xml = new String(small.month(YearMonth.of(2026, 3), p), StandardCharsets.UTF_8);
            validate(xml, "sitemap.xsd", "sitemap-news.xsd");
            urls += xml.split("<url>").length - 1;
        }
        assertThat(urls).isEqualTo(5);
        assertThat(small.month(YearMonth.of(2026, 3), 4)).isNull();
    }

    @Test
    void the_google_news_sitemap_lists_the_last_48_hours_and_crawler_commons_reads_every_field() throws Exception {
        site.clock.advance(Duration.ofHours(47));
        site.givenPublished("Fresh story", world, ada);
        site.clock.advance(Duration.ofHours(2)); // the first story is now 49.5 hours old
        String xml = site.get("/news-sitemap.xml").body();

        validate(xml, "sitemap.xsd", "sitemap-news.xsd");
        SiteMapParser parser = new SiteMapParser();
        parser.enableExtension(Extension.NEWS);
        SiteMap sitemap = (SiteMap) parser.parseSiteMap(xml.getBytes(StandardCharsets.UTF_8),
                URI.create("https://news.example.org/news-sitemap.xml").toURL());
        List<SiteMapURL> urls = new ArrayList<>(sitemap.getSiteMapUrls());

        assertThat(urls).hasSize(1);
        NewsAttributes news = (NewsAttributes) urls.get(0).getAttributesForExtension(Extension.NEWS)[0];
        assertThat(urls.get(0).getUrl().toString()).isEqualTo("https://news.example.org/2026/03/04/fresh-story");
        assertThat(news.getName()).isEqualTo("Dateline");
        assertThat(news.getLanguage()).isEqualTo("en");
        assertThat(news.getTitle()).isEqualTo("Fresh story");
        assertThat(news.getPublicationDateTime().toInstant()).isEqualTo(java.time.Instant.parse("2026-03-04T08:30:00Z"));
    }

    @Test
    void the_article_page_carries_news_article_json_ld_open_graph_and_twitter_cards() throws Exception {
        String html = site.get("/2026/03/02/harbour-reopens-ships-return").body();
        Matcher m = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        JsonNode ld = new ObjectMapper().readTree(m.group(1));

        assertThat(ld.path("@context").asText()).isEqualTo("https://schema.org");
        assertThat(ld.path("@type").asText()).isEqualTo("NewsArticle");
        assertThat(ld.path("headline").asText()).isEqualTo("Harbour <reopens> & ships return");
        assertThat(ld.path("datePublished").asText()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(ld.path("dateModified").asText()).isEqualTo("2026-03-02T09:30:00Z");
        assertThat(ld.path("mainEntityOfPage").path("@id").asText()).isEqualTo("https://news.example.org/2026/03/02/harbour-reopens-ships-return");
        assertThat(ld.path("articleSection").asText()).isEqualTo("World");
        assertThat(ld.path("inLanguage").asText()).isEqualTo("en");
        assertThat(ld.path("author").get(0).path("name").asText()).isEqualTo("Ada Reporter");
        assertThat(ld.path("author").get(0).path("url").asText()).isEqualTo("https://news.example.org/author/ada-reporter");
        assertThat(ld.path("publisher").path("@type").asText()).isEqualTo("NewsMediaOrganization");
        assertThat(ld.path("publisher").path("logo").path("url").asText()).startsWith("https://news.example.org/static/logo.");
        assertThat(ld.path("correction").get(0).path("@type").asText()).isEqualTo("CorrectionComment");
        assertThat(ld.path("correction").get(0).path("text").asText()).isEqualTo("An earlier version misnamed the port.");
        assertThat(ld.path("image")).hasSize(3);
        int[][] shapes = {{1200, 675}, {900, 675}, {675, 675}};
        for (int i = 0; i < 3; i++) {
            String path = URI.create(ld.path("image").get(i).asText()).getPath();
            HttpResponse<byte[]> image = site.getBytes(path);
            assertThat(image.statusCode()).isEqualTo(200);
            var decoded = javax.imageio.ImageIO.read(new ByteArrayInputStream(image.body()));
            assertThat(new int[] {decoded.getWidth(), decoded.getHeight()}).as(path).containsExactly(shapes[i]);
        }
        HttpResponse<byte[]> logo = site.getBytes(URI.create(ld.path("publisher").path("logo").path("url").asText()).getPath());
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(logo.body())).getWidth()).isEqualTo(600);
        assertThat(html).contains("<meta property=\"og:type\" content=\"article\">", "<meta property=\"og:image\" content=\"https://news.example.org/media/",
                "<meta name=\"twitter:card\" content=\"summary_large_image\">", "<link rel=\"canonical\" href=\"https://news.example.org/2026/03/02/harbour-reopens-ships-return\">");
        assertThat(m.group(1)).doesNotContain("</");
    }
}
