package dateline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.SiteTestCase;
import dateline.content.Article;
import dateline.content.Listing;
import dateline.content.Status;
import dateline.content.Urls;
import dateline.platform.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A generated Ghost 5 export in, on each database: what it holds, again nothing, old addresses, refusals. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GhostImportTest extends SiteTestCase {
    static String export(String firstTitle) {
        return """
                {"db": [{"meta": {"exported_on": 1717600000000, "version": "5.82.0"},
                  "data": {
                    "posts": [
                      {"id": "p1", "uuid": "0b6e1f0e-0000-4000-8000-000000000001", "title": "%s", "slug": "harbour-reopens", "type": "post",
                       "status": "published", "html": "<p>Ships are back.</p><p>Crowds came.</p>", "custom_excerpt": "Ships return.",
                       "created_at": "2024-06-05T15:00:00.000Z", "updated_at": "2024-06-05T16:04:48.000Z", "published_at": "2024-06-05T16:04:48.000Z",
                       "feature_image": null},
                      {"id": "p2", "uuid": "0b6e1f0e-0000-4000-8000-000000000002", "title": "Draft idea", "slug": "draft-idea", "type": "post",
                       "status": "draft", "html": "<p>Later.</p>", "created_at": "2024-06-06T09:00:00.000Z", "updated_at": "2024-06-06T09:00:00.000Z",
                       "published_at": null},
                      {"id": "p3", "uuid": "0b6e1f0e-0000-4000-8000-000000000003", "title": "Old mobiledoc", "slug": "old-mobiledoc", "type": "post",
                       "status": "published", "html": null, "mobiledoc": "{\\"version\\":\\"0.3.1\\"}", "created_at": "2020-01-01T00:00:00.000Z",
                       "updated_at": "2020-01-01T00:00:00.000Z", "published_at": "2020-01-01T00:00:00.000Z"},
                      {"id": "p4", "uuid": "0b6e1f0e-0000-4000-8000-000000000004", "title": "About us", "slug": "about", "type": "page",
                       "status": "published", "html": "<p>Who we are.</p>", "created_at": "2020-01-01T00:00:00.000Z",
                       "updated_at": "2020-01-01T00:00:00.000Z", "published_at": "2020-01-01T00:00:00.000Z"}
                    ],
                    "tags": [{"id": "t1", "name": "Ports", "slug": "ports"}, {"id": "t2", "name": "#internal", "slug": "hash-internal"}],
                    "posts_tags": [{"post_id": "p1", "tag_id": "t1"}, {"post_id": "p1", "tag_id": "t2"}],
                    "users": [{"id": "u1", "name": "Ann Writer", "slug": "ann"}],
                    "posts_authors": [{"post_id": "p1", "author_id": "u1"}, {"post_id": "p2", "author_id": "u1"}]
                  }}]}
                """.formatted(firstTitle);
    }

    @Test
    void a_ghost_export_comes_over_with_its_states_tags_authors_and_old_addresses() throws Exception {
        Path file = tempDir.resolve("ghost.json");
        Files.writeString(file, export("Harbour reopens"));
        GhostImport importer = new GhostImport(site.content, site.app.parts().core().taxonomy());

        ImportReport report = importer.run(file, false);
        assertThat(report.get("stories", "imported")).as(report.text()).isEqualTo(2);
        assertThat(report.get("stories", "skipped")).isEqualTo(1);
        assertThat(report.text()).contains("post old-mobiledoc \"Old mobiledoc\": skipped: it has no html, only mobiledoc");
        assertThat(report.get("pages", "imported")).isEqualTo(1);
        assertThat(report.get("internal tags", "skipped")).isEqualTo(1);
        assertThat(report.get("authors", "imported")).isEqualTo(1);

        Article harbour = site.app.articles().published(Listing.ALL, 10, 0).get(0);
        assertThat(harbour.headline()).isEqualTo("Harbour reopens");
        assertThat(harbour.standfirst()).isEqualTo("Ships return.");
        assertThat(harbour.firstPublishedAt()).isEqualTo(Instant.parse("2024-06-05T16:04:48Z"));
        assertThat(harbour.tags()).extracting(t -> t.name()).containsExactly("Ports");
        assertThat(harbour.authors()).extracting(a -> a.name()).containsExactly("Ann Writer");
        assertThat(site.app.articles().withHeadline("Draft idea", null, null, 1).get(0).status()).isEqualTo(Status.DRAFT);

        ImportReport again = importer.run(file, false);
        assertThat(again.get("stories", "unchanged")).isEqualTo(2);
        assertThat(again.get("authors", "unchanged")).isEqualTo(1);
        Files.writeString(file, export("Harbour reopens to ships"));
        assertThat(importer.run(file, false).get("stories", "updated")).isEqualTo(1);

        site.awaitViews();
        assertThat(site.get("/about").body()).contains("Who we are.");
        HttpResponse<String> old = site.get("/harbour-reopens/");
        assertThat(old.statusCode()).isEqualTo(301);
        assertThat(old.headers().firstValue("Location")).contains(Urls.article(harbour, site.config().zone()));
    }

    @Test
    void feature_and_inline_images_come_from_the_media_folder_with_their_alt_and_caption_and_a_missing_one_is_listed() throws Exception {
        Path images = Files.createDirectories(tempDir.resolve("images/2024/06"));
        Files.write(images.resolve("harbour.png"), dateline.demo.DemoImagesForTests.png(1200, 800));
        Files.write(images.resolve("crowd.png"), dateline.demo.DemoImagesForTests.png(640, 480));
        String json = export("Harbour reopens")
                .replace("\"feature_image\": null}", "\"feature_image\": \"__GHOST_URL__/content/images/2024/06/harbour.png\"}")
                .replace("<p>Crowds came.</p>", "<p>Crowds came.</p><img src=\\\"__GHOST_URL__/content/images/size/w600/2024/06/crowd.png\\\" alt=\\\"Crowd\\\">"
                        + "<img src=\\\"__GHOST_URL__/content/images/2024/06/crowd.png\\\" alt=\\\"Crowd\\\">")
                .replace("\"published_at\": null}", "\"published_at\": null, \"feature_image\": \"__GHOST_URL__/content/images/2024/06/gone.jpg\"}")
                .replace("\"posts_tags\":", "\"posts_meta\": [{\"post_id\": \"p1\", \"feature_image_alt\": \"Boats in the harbour\", "
                        + "\"feature_image_caption\": \"The harbour at <b>dusk</b>.\"}],\n\"posts_tags\":");
        Path file = tempDir.resolve("ghost-images.json");
        Files.writeString(file, json);
        GhostImport importer = new GhostImport(site.content, site.app.parts().core().taxonomy());

        ImportReport report = importer.run(file, tempDir.resolve("images"), false, d -> { });

        assertThat(report.get("images", "imported")).as(report.text()).isEqualTo(2);
        assertThat(report.get("images", "missing")).as(report.text()).isEqualTo(1);
        assertThat(report.text()).contains("feature image of post draft-idea \"Draft idea\" (__GHOST_URL__/content/images/2024/06/gone.jpg): missing");
        Article harbour = site.app.articles().published(Listing.ALL, 10, 0).get(0);
        assertThat(harbour.leadImage()).isNotNull();
        assertThat(harbour.leadImage().width()).isEqualTo(1200);
        assertThat(harbour.leadImage().altText()).isEqualTo("Boats in the harbour");
        assertThat(harbour.leadImage().caption()).isEqualTo("The harbour at dusk.");
        assertThat(harbour.bodyHtml()).contains("width=\"640\"", "height=\"480\"").doesNotContain("__GHOST_URL__").doesNotContain("srcset");

        ImportReport again = importer.run(file, tempDir.resolve("images"), false, d -> { });
        assertThat(again.get("images", "unchanged")).as(again.text()).isEqualTo(2);
        assertThat(again.get("stories", "unchanged")).isEqualTo(2);
        assertThat(site.app.parts().images().search("", 0, 10)).hasSize(2);
    }

    @Test
    void what_is_not_a_ghost_export_is_refused_before_anything_is_written() throws Exception {
        GhostImport importer = new GhostImport(site.content, site.app.parts().core().taxonomy());
        Path broken = tempDir.resolve("broken.json");
        Files.writeString(broken, export("x").substring(0, 300));
        assertThatThrownBy(() -> importer.run(broken, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("not valid JSON at line");
        Path other = tempDir.resolve("other.json");
        Files.writeString(other, "{\"posts\": []}");
        assertThatThrownBy(() -> importer.run(other, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("no \"db\" array");
        Path huge = tempDir.resolve("huge.json"); // one value of 30 million characters: refused at the limit, memory flat
        Files.writeString(huge, export("x").replace("<p>Ships are back.</p>", "a".repeat(30_000_000)));
        assertThatThrownBy(() -> importer.run(huge, false)).isInstanceOf(WireFormat.Refused.class).hasMessageContaining("the file was refused: String value length");
        assertThat(site.app.articles().countPublished(Listing.ALL)).isZero();
        assertThat(site.app.parts().core().taxonomy().authors()).isEmpty();
    }
}
