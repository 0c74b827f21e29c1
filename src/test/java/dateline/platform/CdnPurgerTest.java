package dateline.platform;

import dateline.content.Urls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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

    @Test
    void new_trending_lists_are_purged_at_the_cdn_and_article_pages_carry_their_top_content_keys() {
        try (Receiver cdn = new Receiver();
             TestSite site = TestSite.start(TestDatabase.SQLITE, tempDir, Map.of("DATELINE_PURGE_URL", cdn.url("/purge")))) {
            var world = site.givenSection("World");
            Article popular = site.givenPublished("Everyone reads this", world);
            Article other = site.givenPublished("Another story", world);
            site.app.parts().views().record(popular.id(), "203.0.113.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");

            site.app.parts().trendingJob().run();

            cdn.await(r -> r.header("Surrogate-Key") != null && r.header("Surrogate-Key").equals("trending"));
            site.awaitViews();
            String keys = site.get(Urls.article(other, java.time.ZoneOffset.UTC)).headers().firstValue("Surrogate-Key").orElseThrow();
            assertThat(keys.split(" ")).contains("trending", "article:" + popular.id());
        }
    }

    @Test
    void a_purge_address_that_does_not_parse_is_logged_not_thrown() {
        Notifier notifier = new Notifier();

        assertThatCode(() -> notifier.post("cdn purge", "http://bad host/^", Map.of("Surrogate-Key", "home"), "")).doesNotThrowAnyException();
        assertThatCode(() -> notifier.post("cdn purge", "http://example.org/purge", Map.of("Bad Header Name", "x"), "")).doesNotThrowAnyException();
    }
}
