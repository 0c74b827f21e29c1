package dateline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.SiteTestCase;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Listing;
import dateline.content.Status;
import dateline.content.Urls;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** WordPress exports in, on each database: every fixture, idempotence, updates and conflicts, old addresses. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WordPressImportTest extends SiteTestCase {
    private static final Set<String> IMPORTED_STATUSES = Set.of("publish", "draft", "pending", "future", "private");

    private WordPressImport importer() {
        return new WordPressImport(site.content, site.app.parts().core().taxonomy());
    }

    /** What a file holds, counted with another parser than the importer's. */
    record Holds(int posts, int pages, Set<String> categories, Set<String> authors) {}

    static Holds holds(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        int posts = 0;
        int pages = 0;
        NodeList items = doc.getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String type = child(item, "post_type");
            if (type.equals("post") && IMPORTED_STATUSES.contains(child(item, "status"))) {
                posts++;
            } else if (type.equals("page")) {
                pages++;
            }
        }
        Set<String> categories = new HashSet<>();
        NodeList cats = doc.getElementsByTagNameNS("*", "category_nicename");
        for (int i = 0; i < cats.getLength(); i++) {
            categories.add(java.net.URLDecoder.decode(cats.item(i).getTextContent().strip(), java.nio.charset.StandardCharsets.UTF_8));
        }
        NodeList itemCategories = doc.getElementsByTagName("category");
        for (int i = 0; i < itemCategories.getLength(); i++) {
            Element c = (Element) itemCategories.item(i);
            if (c.getAttribute("domain").equals("category") && !c.getAttribute("nicename").isBlank()
                    && IMPORTED_STATUSES.contains(child((Element) c.getParentNode(), "status"))
                    && child((Element) c.getParentNode(), "post_type").equals("post")) {
                categories.add(java.net.URLDecoder.decode(c.getAttribute("nicename"), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Set<String> authors = new HashSet<>();
        NodeList names = doc.getElementsByTagNameNS("*", "author_display_name");
        for (int i = 0; i < names.getLength(); i++) {
            authors.add(names.item(i).getTextContent().strip());
        }
        return new Holds(posts, pages, categories, authors);
    }

    private static String child(Element item, String localName) {
        NodeList n = item.getElementsByTagNameNS("*", localName);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    @Test
    void every_valid_export_is_imported_with_what_it_holds_and_again_changes_nothing() throws Exception {
        for (Path file : Fixtures.files("wxr/valid", ".xml")) {
            Holds holds = holds(file);
            int storiesBefore = site.app.articles().countPublished(Listing.ALL);
            ImportReport report = importer().run(file, false);
            String name = file.getFileName() + "\n" + report.text();
            assertThat(report.get("stories", "imported") + report.get("stories", "unchanged") + report.get("stories", "updated"))
                    .as(name).isEqualTo(holds.posts());
            assertThat(report.get("stories", "failed")).as(name).isZero();
            assertThat(report.get("pages", "imported") + report.get("pages", "unchanged") + report.get("pages", "updated")
                    + report.get("pages", "skipped")).as(name).isEqualTo(holds.pages());
            assertThat(report.get("pages", "failed")).as(name).isZero();
            assertThat(report.get("sections", "imported") + report.get("sections", "unchanged")).as(name).isEqualTo(holds.categories().size());
            assertThat(report.get("authors", "imported") + report.get("authors", "unchanged")).as(name).isEqualTo(holds.authors().size());
            assertThat(site.app.articles().countPublished(Listing.ALL)).as(name).isGreaterThanOrEqualTo(storiesBefore);

            ImportReport again = importer().run(file, false);
            assertThat(again.get("stories", "unchanged")).as("again: " + name).isEqualTo(holds.posts());
            assertThat(again.get("stories", "imported") + again.get("stories", "updated")).as("again: " + name).isZero();
            assertThat(again.get("pages", "imported") + again.get("pages", "updated")).as("again: " + name).isZero();
        }
    }

    @Test
    void a_file_that_is_not_well_formed_or_not_wxr_is_refused_with_where_and_nothing_is_written() throws Exception {
        int before = site.app.articles().countPublished(Listing.ALL);
        assertThatThrownBy(() -> importer().run(Fixtures.dir().resolve("wxr/malformed/malformed-simple.xml"), false))
                .isInstanceOf(WireFormat.Refused.class).hasMessageContaining("not well-formed XML at line 14, column 1");
        assertThatThrownBy(() -> importer().run(Fixtures.dir().resolve("wxr/not-wxr/missing-version-tag.xml"), false))
                .isInstanceOf(WireFormat.Refused.class).hasMessageContaining("no <wp:wxr_version>");
        Path xxe = tempDir.resolve("xxe.xml");
        Files.writeString(xxe, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel>&x;</channel></rss>");
        assertThatThrownBy(() -> importer().run(xxe, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("DOCTYPE");
        Path laughs = tempDir.resolve("laughs.xml");
        Files.writeString(laughs, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss><channel><wp:wxr_version xmlns:wp=\"http://wordpress.org/export/1.2/\">1.2</wp:wxr_version>&c;</channel></rss>");
        assertThatThrownBy(() -> importer().run(laughs, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("DOCTYPE");
        Path garbage = tempDir.resolve("garbage.xml"); // 1 GB of nothing (a sparse file): refused at its first byte
        try (var file = new java.io.RandomAccessFile(garbage.toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        assertThatThrownBy(() -> importer().run(garbage, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("line 1");
        Path random = tempDir.resolve("random.xml"); // random bytes after a valid start
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(random))) {
            out.write("<?xml version=\"1.0\"?><rss><channel>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            new java.util.Random(1).nextBytes(chunk);
            out.write(chunk);
        }
        assertThatThrownBy(() -> importer().run(random, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("not well-formed XML at line");
        // one element of 40 million characters (well-formed, as a hostile or broken export may be): refused at the limit, memory flat
        Path huge = tempDir.resolve("huge.xml");
        try (var out = new java.io.BufferedWriter(Files.newBufferedWriter(huge))) {
            out.write("<?xml version=\"1.0\"?>\n<rss><channel><wp:wxr_version xmlns:wp=\"http://wordpress.org/export/1.2/\">1.2</wp:wxr_version><item><title><![CDATA[");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'a');
            for (int i = 0; i < 40; i++) {
                out.write(chunk);
            }
            out.write("]]></title></item></channel></rss>");
        }
        assertThatThrownBy(() -> importer().run(huge, false)).isInstanceOf(WireFormat.Refused.class)
                .hasMessageContaining("the element <title> at line 2 holds more than 16 million characters");
        Path truncated = tempDir.resolve("truncated.xml");
        String whole = Files.readString(Fixtures.dir().resolve("wxr/valid/small-export.xml"));
        Files.writeString(truncated, whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> importer().run(truncated, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("not well-formed");
        assertThat(site.app.articles().countPublished(Listing.ALL)).isEqualTo(before);
        assertThat(site.app.parts().core().taxonomy().sections()).hasSize(1); // only the test's own World
    }

    @Test
    void a_dry_run_reads_everything_and_writes_nothing() throws Exception {
        ImportReport report = importer().run(Fixtures.dir().resolve("wxr/valid/small-export.xml"), true);
        assertThat(report.text()).contains("dry run, nothing written");
        assertThat(report.get("stories", "read")).isEqualTo(holds(Fixtures.dir().resolve("wxr/valid/small-export.xml")).posts());
        assertThat(site.app.articles().countPublished(Listing.ALL)).isZero();
        assertThat(site.app.parts().core().taxonomy().sections()).hasSize(1);
    }

    @Test
    void a_later_export_updates_untouched_stories_and_reports_the_ones_changed_in_dateline() throws Exception {
        Path first = tempDir.resolve("first.xml");
        Files.writeString(first, export("Harbour reopens", "Ships return.", "Council meets", "The council met."));
        importer().run(first, false);
        Article harbour = story("Harbour reopens");
        Article council = story("Council meets");
        assertThat(harbour.status()).isEqualTo(Status.PUBLISHED);
        assertThat(harbour.firstPublishedAt()).isEqualTo(Instant.parse("2024-06-05T16:04:48Z"));
        site.content.edit(council.id(), council.version(), ArticleDraft.of(council).withHeadline("Council meets, editors say"), "erin@example.org");

        Path later = tempDir.resolve("later.xml");
        Files.writeString(later, export("Harbour reopens to ships", "Ships return.", "Council meets", "The council met again."));
        ImportReport report = importer().run(later, false);

        assertThat(report.get("stories", "updated")).isEqualTo(1);
        assertThat(report.get("stories", "conflicts")).isEqualTo(1);
        assertThat(report.text()).contains("post 11 \"Council meets\": changed in Dateline since it was imported: kept as it is there");
        assertThat(site.app.articles().findById(harbour.id()).orElseThrow().headline()).isEqualTo("Harbour reopens to ships");
        assertThat(site.app.articles().findById(council.id()).orElseThrow().headline()).isEqualTo("Council meets, editors say");
        assertThat(site.app.articles().findById(harbour.id()).orElseThrow().firstPublishedAt()).isEqualTo(harbour.firstPublishedAt());
    }

    @Test
    void old_wordpress_addresses_answer_301_to_the_new_ones() throws Exception {
        Path file = tempDir.resolve("site.xml");
        Files.writeString(file, export("Harbour reopens", "Ships return.", "Council meets", "The council met."));
        importer().run(file, false);
        site.awaitViews();
        Article harbour = story("Harbour reopens");
        String now = Urls.article(harbour, site.config().zone());
        assertThat(now).isEqualTo("/2024/06/05/harbour-reopens");

        for (String old : List.of("/?p=10", "/2024/06/05/harbour-reopens/", "/2024/06/05/harbour-reopens", "/news/harbour-reopens/")) {
            HttpResponse<String> response = site.get(old);
            if (old.equals(now)) {
                assertThat(response.statusCode()).as(old).isEqualTo(200); // the same address: the story itself
                continue;
            }
            assertThat(response.statusCode()).as(old).isEqualTo(301);
            assertThat(response.headers().firstValue("Location")).as(old).contains(now);
        }
        HttpResponse<String> category = site.get("/category/local-news/");
        assertThat(category.statusCode()).isEqualTo(301);
        assertThat(category.headers().firstValue("Location")).contains("/local-news");
        assertThat(site.get("/local-news").statusCode()).isEqualTo(200);
        HttpResponse<String> tag = site.get("/tag/ports/");
        assertThat(tag.statusCode()).isEqualTo(301);
        assertThat(tag.headers().firstValue("Location")).contains("/tag/ports");
        assertThat(site.get("/tag/ports").statusCode()).isEqualTo(200);
        assertThat(site.get("/no/such/old/page").statusCode()).isEqualTo(404);
        assertThat(site.get("/?p=999").statusCode()).isEqualTo(200); // an unknown post id is just the home page
    }

    @Test
    void a_featured_image_from_the_media_folder_becomes_the_lead_image_and_a_missing_one_is_listed() throws Exception {
        Path media = Files.createDirectories(tempDir.resolve("uploads/2024/06"));
        Files.write(media.resolve("harbour.png"), dateline.demo.DemoImagesForTests.png(1200, 800));
        String export = export("Harbour reopens", "Ships return. <img src=\"https://old.example/wp-content/uploads/2024/06/harbour-300x200.png\" "
                + "srcset=\"https://old.example/wp-content/uploads/2024/06/harbour.png 1200w\" alt=\"Boats\">", "Council meets", "The council met.")
                .replaceFirst("</item>", "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>20</wp:meta_value></wp:postmeta></item>")
                .replace("</channel>", """
                        <item><title>Harbour at dusk</title><wp:post_id>20</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
                          <excerpt:encoded><![CDATA[The harbour at dusk.]]></excerpt:encoded>
                          <wp:attachment_url>http://127.0.0.1:9/wp-content/uploads/2024/06/harbour.png</wp:attachment_url>
                          <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2024/06/harbour.png</wp:meta_value></wp:postmeta>
                          <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Boats in the harbour</wp:meta_value></wp:postmeta></item>
                        <item><title>Gone</title><wp:post_id>21</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
                          <wp:attachment_url>http://127.0.0.1:9/wp-content/uploads/2024/06/gone.jpg</wp:attachment_url>
                          <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2024/06/gone.jpg</wp:meta_value></wp:postmeta></item>
                        </channel>""");
        Path file = tempDir.resolve("with-images.xml");
        Files.writeString(file, export);
        ImportReport report = new WordPressImport(site.content, site.app.parts().core().taxonomy()).run(file, tempDir.resolve("uploads"), false, d -> { });

        assertThat(report.get("images", "imported")).as(report.text()).isEqualTo(1);
        assertThat(report.get("images", "missing")).isEqualTo(1);
        assertThat(report.text()).contains("image 21 (http://127.0.0.1:9/wp-content/uploads/2024/06/gone.jpg): missing");
        Article harbour = story("Harbour reopens");
        assertThat(harbour.leadImage()).isNotNull();
        assertThat(harbour.leadImage().altText()).isEqualTo("Boats in the harbour");
        assertThat(harbour.leadImage().caption()).isEqualTo("The harbour at dusk.");
        assertThat(harbour.bodyHtml()).contains("src=\"" + harbour.leadImage().path() + "\"", "width=\"1200\"", "height=\"800\"")
                .doesNotContain("old.example");
        ImportReport again = new WordPressImport(site.content, site.app.parts().core().taxonomy()).run(file, tempDir.resolve("uploads"), false, d -> { });
        assertThat(again.get("images", "unchanged")).isEqualTo(1);
        assertThat(again.get("stories", "unchanged")).isEqualTo(2);
    }

    @Test
    void stories_of_one_batch_stand_alone_a_bad_one_fails_with_its_reason_and_the_others_are_stored() throws Exception {
        String longTag = "t".repeat(150);
        String items = item(10, "harbour-reopens", "Harbour reopens", "Ships return.", "https://old.example/?p=10")
                + item(11, "harbour-reopens", "Harbour reopens again", "Same slug in the same batch.", "https://old.example/?p=11")
                + item(12, "tagged", "Too long a tag", "Its tag is refused.", "https://old.example/?p=12")
                        .replace("<category domain=\"post_tag\" nicename=\"ports\"><![CDATA[Ports]]></category>",
                                "<category domain=\"post_tag\" nicename=\"long\"><![CDATA[" + longTag + "]]></category>")
                // the same post twice with other words (a hand-edited export): the batch is redone story by story, the second updates the first
                + item(13, "twice", "Written twice", "First words.", "https://old.example/?p=13")
                + item(13, "twice", "Written twice, second", "Second words.", "https://old.example/?p=13");
        Path file = tempDir.resolve("batch.xml");
        Files.writeString(file, export("x", "x", "y", "y").replaceFirst("(?s)<item>.*</item>", items));

        ImportReport report = importer().run(file, false);

        assertThat(report.get("stories", "imported")).as(report.text()).isEqualTo(3);
        assertThat(report.get("stories", "updated")).as(report.text()).isEqualTo(1);
        assertThat(report.get("stories", "failed")).as(report.text()).isEqualTo(1);
        assertThat(report.text()).contains("post 12 \"Too long a tag\": failed:").contains(longTag);
        assertThat(story("Harbour reopens").slug()).isEqualTo("harbour-reopens");
        assertThat(story("Harbour reopens again").slug()).isEqualTo("harbour-reopens-2");
        assertThat(story("Written twice, second").bodyHtml()).contains("Second words.");
        assertThat(site.app.articles().withHeadline("Too long a tag", null, null, 5)).isEmpty();
        site.awaitViews();
        assertThat(site.get("/?p=11").headers().firstValue("Location").orElseThrow()).endsWith("/harbour-reopens-2");
        assertThat(site.app.parts().core().revisions().count(story("Harbour reopens again").id())).isEqualTo(1);
    }

    private Article story(String headline) {
        return site.app.articles().withHeadline(headline, null, null, 5).stream().filter(a -> a.headline().equals(headline)).findFirst().orElseThrow();
    }

    /** A small export of two published posts in one category with one tag, written as WordPress 6 writes it. */
    static String export(String title1, String body1, String title2, String body2) {
        return """
                <?xml version="1.0" encoding="UTF-8" ?>
                <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
                <channel>
                  <title>Old News</title><link>https://old.example</link><language>en-GB</language>
                  <wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url><wp:base_blog_url>https://old.example</wp:base_blog_url>
                  <wp:author><wp:author_login><![CDATA[ann]]></wp:author_login><wp:author_display_name><![CDATA[Ann Writer]]></wp:author_display_name></wp:author>
                  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[local-news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Local News]]></wp:cat_name></wp:category>
                  <wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug><![CDATA[ports]]></wp:tag_slug><wp:tag_name><![CDATA[Ports]]></wp:tag_name></wp:tag>
                  %s
                  %s
                </channel>
                </rss>
                """.formatted(item(10, "harbour-reopens", title1, body1, "https://old.example/news/harbour-reopens/"),
                item(11, "council-meets", title2, body2, "https://old.example/?p=11"));
    }

    private static String item(int id, String slug, String title, String body, String link) {
        return """
                <item><title><![CDATA[%s]]></title><link>%s</link><dc:creator><![CDATA[ann]]></dc:creator>
                  <content:encoded><![CDATA[<!-- wp:paragraph -->
                %s

                Second paragraph.<!-- /wp:paragraph -->]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
                  <wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[2024-06-05 17:04:48]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-06-05 16:04:48]]></wp:post_date_gmt>
                  <wp:post_modified_gmt><![CDATA[2024-06-05 16:04:48]]></wp:post_modified_gmt><wp:post_name><![CDATA[%s]]></wp:post_name>
                  <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
                  <category domain="category" nicename="local-news"><![CDATA[Local News]]></category>
                  <category domain="post_tag" nicename="ports"><![CDATA[Ports]]></category>
                </item>""".formatted(title, link, body, id, slug);
    }
}
