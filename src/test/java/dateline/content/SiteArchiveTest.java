package dateline.content;

import dateline.demo.DemoImagesForTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.TestSite;
import dateline.platform.Conflict;
import dateline.platform.TestDatabase;
import dateline.platform.ValidationFailed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class SiteArchiveTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    private static byte[] bytes(SiteArchive archive) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archive.write(out);
        return out.toByteArray();
    }

    /** A site with every kind of content: images, several authors, a correction, a slug change, a scheduled draft, RTL text. */
    private static void givenAFullSite(TestSite site) {
        Section world = site.givenSection("World");
        Author ada = site.givenAuthor("Ada Reporter");
        Author bo = site.givenAuthor("Bo Writer");
        Image image = site.content.addImage(ImageUpload.check(DemoImagesForTests.png(2, 1)), "Two pixels", "A caption", "Photo: us");
        Article a = site.content.create(site.givenDraft("First story", world, ada, bo), "ada");
        a = site.content.edit(a.id(), a.version(), new ArticleDraft(a.headline(), "Standfirst", "<p>Body &amp; more</p>", "Paris", world.id(),
                java.util.List.of(ada.id(), bo.id()), java.util.List.of("Economy", "Trade"), image.id(), "en", "staff", null), "ada");
        a = site.content.publish(a.id(), a.version(), "editor");
        site.clock.advance(Duration.ofMinutes(7));
        a = site.content.edit(a.id(), a.version(), ArticleDraft.of(a).withSlug("first-story-renamed"), "editor");
        site.content.correct(a.id(), a.version(), "A correction.", "editor");
        Article arabic = site.content.create(new ArticleDraft("عنوان الخبر", "", "<p>نص</p>", "عمّان", world.id(), java.util.List.of(ada.id()),
                java.util.List.of("Energy"), null, "ar", "Agency", "arabic-story"), "ada");
        site.content.schedule(arabic.id(), arabic.version(), TestSite.START.plus(Duration.ofDays(1)), "editor");
    }

    @Test
    void rebuild_stores_the_image_renditions_an_imported_archive_leaves_out() throws IOException {
        byte[] archive;
        try (TestSite source = TestSite.unstarted(database, tempDir)) {
            givenAFullSite(source);
            archive = bytes(source.app.export());
        }
        try (TestSite target = TestSite.unstarted(database, tempDir)) {
            target.app.importSite(SiteArchive.parse(new ByteArrayInputStream(archive)));
            Image image = target.app.parts().images().all().getFirst();
            assertThat(target.app.parts().images().rendition(image.id(), "16x9")).isEmpty();

            target.app.rebuild();

            for (String name : ImageUpload.names(image.width())) {
                assertThat(target.app.parts().images().rendition(image.id(), name)).as(name).isPresent();
            }
            assertThat(bytes(target.app.export())).as("renditions are not part of the archive").isEqualTo(archive);
        }
    }

    @Test
    void export_then_import_into_an_empty_database_then_export_gives_identical_bytes() throws IOException {
        byte[] first;
        try (TestSite source = TestSite.unstarted(database, tempDir)) {
            givenAFullSite(source);
            first = bytes(source.app.export());
        }

        byte[] second;
        try (TestSite target = TestSite.unstarted(database, tempDir)) {
            target.app.importSite(SiteArchive.parse(new ByteArrayInputStream(first)));
            second = bytes(target.app.export());
            assertThat(target.app.articles().findBySlug("first-story-renamed").orElseThrow().corrections()).hasSize(1);
            assertThat(target.app.articles().redirectTarget("first-story")).isPresent();
        }

        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
        assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"revisions\"", "عنوان الخبر", java.util.Base64.getEncoder().encodeToString(DemoImagesForTests.png(2, 1)));
    }

    @Test
    void import_into_a_site_with_content_is_refused_and_changes_nothing() throws IOException {
        try (TestSite site = TestSite.unstarted(database, tempDir)) {
            givenAFullSite(site);
            byte[] before = bytes(site.app.export());

            assertThatThrownBy(() -> site.app.importSite(SiteArchive.parse(new ByteArrayInputStream(before))))
                    .isInstanceOf(Conflict.class).hasMessageContaining("empty site");

            assertThat(bytes(site.app.export())).isEqualTo(before);
        }
    }

    @Test
    void a_broken_archive_is_refused_with_a_message_that_says_what_is_wrong_and_nothing_is_half_written() throws IOException {
        assertThatThrownBy(() -> SiteArchive.parse(new ByteArrayInputStream("{\"format\": ".getBytes())))
                .isInstanceOf(ValidationFailed.class).hasMessageContaining("Not valid JSON");
        assertThatThrownBy(() -> SiteArchive.parse(new ByteArrayInputStream("{\"format\": \"wordpress\"}".getBytes())))
                .isInstanceOf(ValidationFailed.class).hasMessageContaining("Not a Dateline site export");

        try (TestSite site = TestSite.unstarted(database, tempDir)) {
            String bad = """
                    {"format": "dateline-site", "version": 1, "tables": {
                      "sections": [{"id": "0000000000000001", "slug": "world", "name": "World", "description": "", "position": 0}],
                      "articles": [{"id": "0000000000000002", "slug": "x", "no_such_column": 1}]}}
                    """;
            SiteArchive archive = SiteArchive.parse(new ByteArrayInputStream(bad.getBytes()));

            assertThatThrownBy(() -> site.app.importSite(archive))
                    .isInstanceOf(ValidationFailed.class).hasMessageContaining("articles[0]").hasMessageContaining("no_such_column");
            assertThat(site.app.export().rowCount("sections")).isZero();
        }
    }

    @Test
    void the_archive_file_round_trips_through_the_file_system() throws IOException {
        Path file = tempDir.resolve("site.json");
        try (TestSite site = TestSite.unstarted(database, tempDir)) {
            givenAFullSite(site);
            try (var out = Files.newOutputStream(file)) {
                site.app.export().write(out);
            }
        }

        try (var in = Files.newInputStream(file)) {
            assertThat(SiteArchive.parse(in).rowCount("articles")).isEqualTo(2);
        }
    }

    /** The archive of a small site, as a JSON tree to tamper with. */
    private ObjectNode givenAnExportedSite() throws IOException {
        try (TestSite source = TestSite.unstarted(database, tempDir.resolve("source"))) {
            givenAFullSite(source);
            return (ObjectNode) new ObjectMapper().readTree(bytes(source.app.export()));
        }
    }

    private void importInto(TestSite site, ObjectNode archive) throws IOException {
        site.app.importSite(SiteArchive.parse(new ByteArrayInputStream(new ObjectMapper().writeValueAsBytes(archive))));
    }

    @Test
    void an_archive_is_checked_like_any_input_from_outside() throws IOException {
        ObjectNode archive = givenAnExportedSite();
        ObjectNode story = (ObjectNode) archive.path("tables").path("articles").get(0);
        story.put("body_html", "<p>Hi</p><script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a>");

        try (TestSite site = TestSite.unstarted(database, tempDir.resolve("clean"))) {
            importInto(site, archive);

            String body = site.app.articles().findById(story.path("id").asText()).orElseThrow().bodyHtml();
            assertThat(body).contains("<p>Hi</p>").doesNotContain("<script", "onerror", "javascript:");
        }
        for (var tamper : java.util.List.<java.util.Map.Entry<String, java.util.function.Consumer<ObjectNode>>>of(
                java.util.Map.entry("content_type", a -> ((ObjectNode) a.path("tables").path("images").get(0))
                        .put("data", java.util.Base64.getEncoder().encodeToString("<html><script>alert(1)</script></html>".getBytes()))),
                java.util.Map.entry("status", a -> ((ObjectNode) a.path("tables").path("articles").get(0)).put("status", "hacked")),
                java.util.Map.entry("slug", a -> ((ObjectNode) a.path("tables").path("articles").get(0)).put("slug", "../../etc/passwd")),
                java.util.Map.entry("created_at", a -> ((ObjectNode) a.path("tables").path("articles").get(0)).put("created_at", "yesterday")),
                java.util.Map.entry("section_id", a -> ((ObjectNode) a.path("tables").path("articles").get(0)).put("section_id", "<b>not an id</b>")))) {
            ObjectNode copy = archive.deepCopy();
            tamper.getValue().accept(copy);
            try (TestSite site = TestSite.unstarted(database, tempDir.resolve("bad-" + tamper.getKey()))) {
                assertThatThrownBy(() -> importInto(site, copy)).as(tamper.getKey())
                        .isInstanceOf(ValidationFailed.class).hasMessageContaining(tamper.getKey());
                assertThat(site.app.export().rowCount("sections")).as("nothing half-written").isZero();
            }
        }
    }

    @Test
    void an_imported_image_gets_its_renditions_made_and_stored_once_and_a_large_original_stays_out_of_the_page_cache() throws IOException {
        byte[] archive;
        try (TestSite source = TestSite.unstarted(database, tempDir.resolve("source"))) {
            givenAFullSite(source);
            java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(800, 800, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.util.Random random = new java.util.Random(7);
            for (int y = 0; y < 800; y++) {
                for (int x = 0; x < 800; x++) {
                    noise.setRGB(x, y, random.nextInt());
                }
            }
            var png = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(noise, "png", png);
            assertThat(png.size()).isGreaterThan(1024 * 1024);
            source.content.addImage(ImageUpload.check(png.toByteArray()), "Noise", "", "");
            archive = bytes(source.app.export());
        }
        try (TestSite site = TestSite.start(database, tempDir.resolve("target"))) {
            site.app.importSite(SiteArchive.parse(new ByteArrayInputStream(archive)));
            site.awaitViews(); // the import's event empties the page cache: let that happen first
            Image small = site.app.parts().images().all().stream().filter(i -> i.width() == 2).findFirst().orElseThrow();
            Image large = site.app.parts().images().all().stream().filter(i -> i.width() == 800).findFirst().orElseThrow();

            assertThat(site.getBytes("/media/" + small.id() + "/16x9.jpg").statusCode()).isEqualTo(200);
            for (String name : ImageUpload.names(small.width())) {
                assertThat(site.app.parts().images().rendition(small.id(), name)).as("stored on first request: " + name).isPresent();
            }
            long cached = site.app.parts().pages().size();
            var original = site.getBytes(large.path());
            assertThat(original.statusCode()).isEqualTo(200);
            assertThat(original.body().length).isGreaterThan(1024 * 1024);
            assertThat(original.headers().firstValue("ETag")).isPresent();
            assertThat(site.app.parts().pages().size()).as("the large original is not kept in the page cache").isEqualTo(cached);
        }
    }
}
