package dateline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.Dateline;
import dateline.content.Article;
import dateline.content.Listing;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other direction: the content API's ninjs for every demo story validates against IPTC's ninjs 3
 * schemas, and reading it back through the ninjs reader gives the same headline, body and times.
 */
class NinjsRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    @Test
    void every_demo_story_as_ninjs_validates_and_reads_back_the_same() throws Exception {
        NinjsSchemas schemas = NinjsSchemas.in(Fixtures.ninjsSchemas()).orElseThrow();
        NinjsFormat reader = new NinjsFormat(Optional.of(schemas));
        Config config = Config.fromEnv(Map.of("DATELINE_PORT", "0", "DATELINE_DATA", tempDir.toString(), "DATELINE_DEMO", "true"));
        try (Dateline app = Dateline.create(config, new MutableClock(Instant.parse("2026-03-02T09:00:00Z"))).start()) {
            String key = app.parts().apiKeys().create("round trip");
            HttpClient http = HttpClient.newHttpClient();
            List<Article> stories = app.articles().published(Listing.ALL, 1000, 0);
            assertThat(stories).hasSizeGreaterThan(20);
            for (Article story : stories) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                        + "/api/v1/articles/" + story.id() + "/ninjs")).header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode document = JSON.readTree(response.body());
                for (String version : List.of("3.0", "3.1")) {
                    assertThat(schemas.problems(version, document, 10)).as(story.headline() + " against ninjs " + version).isEmpty();
                }
                WireItem item = reader.read(response.body()).get(0);
                assertThat(item.warnings()).as(story.headline()).isEmpty();
                assertThat(item.headline()).isEqualTo(story.headline());
                assertThat(item.bodyHtml()).isEqualTo(story.bodyHtml());
                assertThat(item.description()).isEqualTo(story.standfirst());
                assertThat(item.language()).isEqualTo(story.language());
                assertThat(item.version()).isEqualTo(story.version());
                assertThat(item.firstCreated()).isEqualTo(story.createdAt());
                assertThat(item.versionCreated()).isEqualTo(story.updatedAt() != null ? story.updatedAt() : story.firstPublishedAt());
                assertThat(item.datelinePlace()).isEqualTo(story.datelinePlace());
            }
        }
    }
}
