package dateline.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.Receiver;
import dateline.TestSite;
import dateline.platform.TestDatabase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSubPingerTest {
    @TempDir
    Path tempDir;

    @Test
    void publishing_pings_the_hub_for_the_site_and_section_feeds_which_advertise_it() {
        try (Receiver hub = new Receiver();
             TestSite site = TestSite.start(TestDatabase.SQLITE, tempDir, Map.of("DATELINE_WEBSUB_HUB", hub.url("/hub")))) {
            var world = site.givenSection("World");
            var draft = site.content.create(site.givenDraft("Rates held steady", world, site.givenAuthor("Ada Reporter")), "ada");
            site.awaitViews();
            assertThat(site.get("/feed.xml").body()).contains("<atom:link rel=\"hub\" href=\"" + hub.url("/hub") + "\"");

            site.content.publish(draft.id(), draft.version(), "editor");

            var pings = hub.await(r -> URLDecoder.decode(r.body(), StandardCharsets.UTF_8).contains("https://news.example.org/world/atom.xml"));
            assertThat(pings).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
                assertThat(URLDecoder.decode(r.body(), StandardCharsets.UTF_8)).startsWith("hub.mode=publish&hub.url=https://news.example.org/");
            });
            hub.await(r -> URLDecoder.decode(r.body(), StandardCharsets.UTF_8).endsWith("hub.url=https://news.example.org/feed.xml"));
        }
    }
}
