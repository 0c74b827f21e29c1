package dateline.platform;

import dateline.content.Urls;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.Receiver;
import dateline.TestSite;
import dateline.content.Article;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdnPurgerTest {
    @TempDir
    Path tempDir;

    @Test
    void a_publish_purges_the_surrogate_keys_of_every_page_that_shows_the_story() {
        try (Receiver cdn = new Receiver();
             TestSite site = TestSite.start(TestDatabase.SQLITE, tempDir,
                     Map.of("DATELINE_PURGE_URL", cdn.url("/purge"), "DATELINE_PURGE_HEADER", "Fastly-Key: secret-token"))) {
            var world = site.givenSection("World");
            var ada = site.givenAuthor("Ada Reporter");

            Article story = site.givenPublished("Rates held steady", world, ada);

            var purge = cdn.await(r -> r.body().isEmpty() && r.header("Surrogate-Key") != null
                    && r.header("Surrogate-Key").contains("article:" + story.id() + " ") && r.header("Surrogate-Key").contains("home"));
            Receiver.Request request = purge.stream().filter(r -> r.header("Surrogate-Key").contains("home")).findFirst().orElseThrow();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/purge");
            assertThat(request.header("Fastly-Key")).isEqualTo("secret-token");
            assertThat(Arrays.asList(request.header("Surrogate-Key").split(" ")))
                    .contains("home", "section:" + world.id(), "author:" + ada.id(), "tag:" + story.tags().get(0).id());
        }
    }

    @Test
    void an_unreachable_cdn_never_blocks_or_fails_publishing() {
        try (TestSite site = TestSite.start(TestDatabase.SQLITE, tempDir, Map.of("DATELINE_PURGE_URL", "http://127.0.0.1:9/purge"))) {
            var world = site.givenSection("World");

            Article story = site.givenPublished("Rates held steady", world, site.givenAuthor("Ada Reporter"));

            site.awaitViews();
            assertThat(site.get(Urls.article(story, java.time.ZoneOffset.UTC)).statusCode()).isEqualTo(200);
        }
    }
}
