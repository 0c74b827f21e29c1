package dateline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dateline.SiteTestCase;
import dateline.api.ApiKeys;
import dateline.ingest.WireSources.Source;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three kinds of sources on each database, for real: an HTTP server in the test, a folder on disk,
 * and pushes over HTTP to the running site.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WireSourcesTest extends SiteTestCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Wire wire;
    private WirePoller poller;
    private HttpServer agency;
    private final AtomicReference<String> mode = new AtomicReference<>("ok");
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> lastIfNoneMatch = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();

    @BeforeEach
    void parts() throws IOException {
        wire = site.app.parts().wire();
        poller = new WirePoller(wire.sources(), wire.queue(), Duration.ofSeconds(1));
        agency = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agency.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        agency.createContext("/feed", exchange -> {
            requests.incrementAndGet();
            lastIfNoneMatch.set(exchange.getRequestHeaders().getFirst("If-None-Match"));
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = WireQueueTest.ninjs("urn:http:1", 1, "From the feed", "<p>Fetched.</p>", "");
            try (exchange) {
                switch (mode.get()) {
                    case "ok" -> {
                        if ("\"v1\"".equals(lastIfNoneMatch.get())) {
                            exchange.sendResponseHeaders(304, -1);
                            return;
                        }
                        exchange.getResponseHeaders().add("ETag", "\"v1\"");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                    case "error" -> exchange.sendResponseHeaders(500, -1);
                    case "hang" -> sleep(3000);
                    case "slow-body" -> {
                        exchange.sendResponseHeaders(200, body.length);
                        OutputStream out = exchange.getResponseBody();
                        out.write(body, 0, 10);
                        out.flush();
                        sleep(3000);
                    }
                    default -> throw new IllegalStateException();
                }
            }
        });
        agency.start();
    }

    @AfterEach
    void stopAgency() {
        agency.stop(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Source httpSource() {
        return wire.sources().add(new WireSources.NewSource("feed", "http", "http://127.0.0.1:" + agency.getAddress().getPort() + "/feed", null, 30,
                "Authorization: Bearer agency-token", "ninjs", "Feed Agency", null, false));
    }

    /**
     * Makes every source due now and polls with this test's poller (1 s timeout); the site's own poller is
     * stopped first, so no poll is taken by it.
     */
    private Source pollAgain(Source s) {
        site.app.parts().poller().close();
        site.clock.advance(Duration.ofHours(2));
        poller.tick();
        return wire.sources().byId(s.id()).orElseThrow();
    }

    @Test
    void an_http_source_is_polled_with_its_header_and_conditional_gets() {
        Source s = pollAgain(httpSource());
        assertThat(lastAuthorization.get()).isEqualTo("Bearer agency-token");
        assertThat(wire.queue().find(s.id(), "urn:http:1")).isPresent();
        assertThat(s.etag()).isEqualTo("\"v1\"");
        assertThat(s.received()).isEqualTo(1);

        s = pollAgain(s);
        assertThat(lastIfNoneMatch.get()).isEqualTo("\"v1\"");
        assertThat(s.received()).isEqualTo(1); // 304: nothing read
        assertThat(s.state()).isEqualTo("enabled");
    }

    @Test
    void a_failing_source_backs_off_and_shows_its_error_and_comes_back() {
        Source s = httpSource();
        mode.set("error");
        s = pollAgain(s);
        assertThat(s.state()).isEqualTo("failing");
        assertThat(s.lastError()).contains("500");
        assertThat(s.nextPollAt()).isEqualTo(site.clock.instant().plusSeconds(60)); // 30 s doubled
        s = pollAgain(s);
        assertThat(s.failures()).isEqualTo(2);
        assertThat(s.nextPollAt()).isEqualTo(site.clock.instant().plusSeconds(120));

        mode.set("hang");
        s = pollAgain(s);
        assertThat(s.lastError()).contains("no answer within 1 s");
        mode.set("slow-body");
        s = pollAgain(s);
        assertThat(s.lastError()).contains("no answer within 1 s");
        assertThat(wire.queue().find(s.id(), "urn:http:1")).isEmpty();

        mode.set("ok");
        s = pollAgain(s);
        assertThat(s.state()).isEqualTo("enabled");
        assertThat(wire.queue().find(s.id(), "urn:http:1")).isPresent();
        // the desk shows the source and its state
        assertThat(wire.sources().list()).extracting(Source::name).containsExactly("feed");
    }

    @Test
    void a_drop_folder_waits_for_files_to_stop_growing_and_sorts_them_into_done_and_failed() throws IOException {
        Path drop = Files.createDirectories(tempDir.resolve("drop"));
        Source s = wire.sources().add(new WireSources.NewSource("drop", "folder", null, drop.toString(), 10, null, "auto", "Drop Agency", null, false));
        Path growing = drop.resolve("growing.json");
        byte[] whole = WireQueueTest.ninjs("urn:drop:1", 1, "Dropped", "<p>In the folder.</p>", "");
        Files.write(growing, java.util.Arrays.copyOf(whole, 40));
        Files.writeString(drop.resolve("bad.xml"), "<newsItem guid='x'><unclosed></newsItem>");
        Files.writeString(drop.resolve(".uploading.json"), "{");

        pollAgain(s); // first look: sizes noted, nothing read
        assertThat(Files.exists(growing)).isTrue();
        Files.write(growing, whole); // the upload finishes
        Files.setLastModifiedTime(growing, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        pollAgain(s); // bad.xml was stable: refused; growing.json changed since: left alone
        assertThat(Files.exists(drop.resolve("failed/bad.xml"))).isTrue();
        assertThat(Files.readString(drop.resolve("failed/bad.xml.reason"))).contains("not well-formed XML at line 1");
        assertThat(Files.exists(growing)).isTrue();

        s = pollAgain(s);
        assertThat(Files.exists(drop.resolve("done/growing.json"))).isTrue();
        assertThat(Files.exists(drop.resolve(".uploading.json"))).isTrue(); // hidden files are not read
        assertThat(wire.queue().find(s.id(), "urn:drop:1").orElseThrow().item().headline()).isEqualTo("Dropped");
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.refused()).isEqualTo(1);
        assertThat(wire.sources().refusals(s.id())).extracting(WireSources.Refusal::name).containsExactly("bad.xml");
    }

    @Test
    void a_source_added_while_the_site_runs_is_polled_by_the_site_within_its_interval() throws Exception {
        Path drop = Files.createDirectories(tempDir.resolve("live"));
        Files.write(drop.resolve("item.json"), WireQueueTest.ninjs("urn:live:1", 1, "Live", "<p>Picked up.</p>", ""));
        Source s = wire.sources().add(new WireSources.NewSource("live", "folder", null, drop.toString(), 1, null, "auto", "Live", null, false));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (wire.queue().find(s.id(), "urn:live:1").isEmpty() && System.nanoTime() < deadline) {
            site.clock.advance(Duration.ofSeconds(2)); // the site's own poller: every tick finds the source due again
            Thread.sleep(200);
        }
        assertThat(wire.queue().find(s.id(), "urn:live:1")).isPresent();
    }

    @Test
    void a_push_needs_the_sources_ingest_key_and_answers_202_or_a_problem_document() throws Exception {
        Source push = wire.sources().add(new WireSources.NewSource("pushed", "push", null, null, null, null, "auto", "Push Agency", null, false));
        String ingestKey = site.app.parts().apiKeys().create("push to pushed", ApiKeys.ingestScope(push.id()));
        String contentKey = site.app.parts().apiKeys().create("a reader app");
        byte[] item = WireQueueTest.ninjs("urn:push:1", 1, "Pushed", "<p>Sent to us.</p>", "");

        assertThat(site.postBody("/api/v1/ingest/pushed", "application/json", item).statusCode()).isEqualTo(401);
        assertThat(site.postBody("/api/v1/ingest/pushed", "application/json", item, "Authorization", "Bearer " + contentKey).statusCode()).isEqualTo(401);
        assertThat(site.postBody("/api/v1/articles", "application/json", item, "Authorization", "Bearer " + ingestKey).statusCode()).isIn(401, 404, 405);
        assertThat(site.get("/api/v1/articles", "Authorization", "Bearer " + ingestKey).statusCode()).isEqualTo(401); // an ingest key reads nothing

        HttpResponse<String> accepted = site.postBody("/api/v1/ingest/pushed", "application/json", item, "Authorization", "Bearer " + ingestKey);
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(accepted.body());
        assertThat(wire.queue().find(answer.path("id").asText()).orElseThrow().item().headline()).isEqualTo("Pushed");

        HttpResponse<String> refused = site.postBody("/api/v1/ingest/pushed", "application/json", "{\"uri\": ".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + ingestKey);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("not valid JSON");
        assertThat(site.postBody("/api/v1/ingest/nobody", "application/json", item, "Authorization", "Bearer " + ingestKey).statusCode()).isEqualTo(404);
    }

    @Test
    void with_two_nodes_polling_at_once_each_poll_runs_on_one_of_them() throws Exception {
        Source s = httpSource();
        site.app.parts().poller().close();
        WirePoller otherNode = new WirePoller(wire.sources(), wire.queue(), Duration.ofSeconds(1));
        for (int round = 0; round < 5; round++) {
            site.clock.advance(Duration.ofHours(2));
            int before = requests.get();
            var start = new java.util.concurrent.CountDownLatch(1);
            Thread a = Thread.ofPlatform().start(() -> { await(start); poller.tick(); });
            Thread b = Thread.ofPlatform().start(() -> { await(start); otherNode.tick(); });
            start.countDown();
            a.join();
            b.join();
            assertThat(requests.get() - before).as("polls in round " + round).isEqualTo(1);
        }
        assertThat(wire.sources().byId(s.id()).orElseThrow().received()).isEqualTo(1);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
