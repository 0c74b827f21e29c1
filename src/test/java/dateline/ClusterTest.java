package dateline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Section;
import dateline.content.Urls;
import dateline.desk.Role;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three app nodes as separate processes (their own data folders and ports) on one PostgreSQL
 * database, as a newsroom runs them behind a load balancer: what one node publishes shows on the
 * others within two seconds on every surface, an unpublished story is gone everywhere, a desk session
 * moves between nodes, the scheduler and the webhooks act once for all, views counted on all three
 * add up, and a node killed with SIGKILL comes back and catches up without a rebuild.
 */
class ClusterTest {
    static final Duration VISIBLE = Duration.ofSeconds(2);

    @TempDir
    Path tempDir;

    @Test
    void three_nodes_on_one_postgresql_database_act_as_one_site() throws Exception {
        Config config = TestDatabase.POSTGRESQL.config(tempDir.resolve("setup"));
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            deliveries.computeIfAbsent(id.find() ? id.group(1) : body, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String sectionId;
        try (Dateline.Core core = Dateline.Core.open(config, new MutableClock(Instant.now()))) {
            core.accounts().create("eddie@example.org", "Eddie", Role.EDITOR, AppProcess.PASSWORD, "test");
            Section world = core.content().createSection("World", null, "", 0);
            sectionId = world.id();
            core.webhooks().register("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", java.util.Set.of("published"));
        }
        Map<String, String> env = Map.of("DATELINE_WEBHOOKS_PRIVATE", "true", "DATELINE_SITE_URL", "https://news.example.org");
        List<AppProcess> nodes = new ArrayList<>();
        try {
            for (String name : List.of("a", "b", "c")) {
                nodes.add(AppProcess.start(config, tempDir.resolve("node-" + name), env));
            }
            for (AppProcess node : nodes) {
                node.awaitHealthy(Duration.ofSeconds(60));
            }
            AppProcess a = nodes.get(0);
            AppProcess b = nodes.get(1);
            AppProcess c = nodes.get(2);
            AppProcess.Desk desk = new AppProcess.Desk(a);
            desk.signIn("eddie@example.org");

            // Published through A: on B and C within two seconds, on every surface.
            String id = desk.create(sectionId, "Lighthouse keepers return to Skerry Point");
            Instant answered = publish(desk, id, sectionId, "Lighthouse keepers return to Skerry Point");
            Article story = story(config, id);
            String month = YearMonth.from(story.firstPublishedAt().atZone(ZoneOffset.UTC)).toString();
            for (AppProcess node : List.of(b, c)) {
                for (String path : List.of(Urls.article(story, ZoneOffset.UTC), "/", "/world", "/feed.xml", "/sitemaps/" + month + ".xml",
                        "/news-sitemap.xml", "/search?q=Skerry")) {
                    String text = path.contains("sitemap") ? Urls.article(story, ZoneOffset.UTC) : "Lighthouse keepers return to Skerry Point";
                    awaitBy(node, path, text, answered.plus(VISIBLE));
                }
            }

            // The webhook is delivered once, whichever node sends it.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (deliveries.getOrDefault(id, new AtomicInteger()).get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100); // the webhook job runs every two seconds on each node
            }
            Thread.sleep(4_000); // long enough for every node's webhook job to have run twice more
            assertThat(deliveries.getOrDefault(id, new AtomicInteger()).get()).as("deliveries of " + id + ": " + deliveries).isEqualTo(1);

            // Unpublished through A: 410 on every node within two seconds.
            String gone = desk.create(sectionId, "Ferry timetable changes for the winter");
            publish(desk, gone, sectionId, "Ferry timetable changes for the winter");
            Article goneStory = story(config, gone);
            HttpResponse<String> unpublished = desk.post("/desk/stories/" + gone, desk.form(sectionId, "Ferry timetable changes for the winter",
                    desk.version(gone), "unpublish"));
            assertThat(unpublished.statusCode()).isEqualTo(303);
            Instant unpublishedAt = Instant.now();
            for (AppProcess node : nodes) {
                awaitStatus(node, Urls.article(goneStory, ZoneOffset.UTC), 410, unpublishedAt.plus(VISIBLE));
            }

            // A desk session made on A works on B: the pages, the CSRF token, an autosave.
            AppProcess.Desk onB = desk.on(b);
            assertThat(onB.get("/desk").statusCode()).isEqualTo(200);
            String draft = desk.create(sectionId, "Harbour wall repairs");
            assertThat(onB.csrfFrom("/desk/stories/" + draft)).isEqualTo(desk.csrf());
            HttpResponse<String> autosaved = onB.post("/desk/stories/" + draft + "/autosave",
                    onB.form(sectionId, "Harbour wall repairs begin", 1, "save"));
            assertThat(autosaved.statusCode()).as(autosaved.body()).isEqualTo(200);
            assertThat(autosaved.body()).contains("\"saved\":true");
            assertThat(story(config, draft).headline()).isEqualTo("Harbour wall repairs begin");

            // A scheduled story is published once, by one of the three schedulers.
            String scheduled;
            try (Dateline.Core core = Dateline.Core.open(config, java.time.Clock.systemUTC())) {
                Article s = core.content().create(new ArticleDraft("Tide tables for the spring", "", "<p>High water.</p>", "", sectionId, List.of(),
                        List.of(), null, "en", "staff", null), "test");
                scheduled = core.content().schedule(s.id(), s.version(), Instant.now().plusSeconds(2), "test").id();
            }
            awaitBy(c, "/feed.xml", "Tide tables for the spring", Instant.now().plusSeconds(20));
            try (Dateline.Core core = Dateline.Core.open(config, java.time.Clock.systemUTC())) {
                int publishes = core.db().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM content_events WHERE subject_id = :id AND type = 'article.published'").bind("id", scheduled)
                        .mapTo(Integer.class).one());
                assertThat(publishes).as("the scheduled story was published once").isEqualTo(1);
            }

            // C killed with SIGKILL misses a story; started again, it catches up (index, pages) without a rebuild.
            c.kill();
            String whileDown = desk.create(sectionId, "Storm closes the coastal path");
            publish(desk, whileDown, sectionId, "Storm closes the coastal path");
            c.restart();
            c.awaitHealthy(Duration.ofSeconds(60));
            assertThat(c.get("/search?q=coastal").body()).as("caught up before it says it is healthy").contains("Storm closes the coastal path");
            assertThat(c.get(Urls.article(story(config, whileDown), ZoneOffset.UTC)).statusCode()).isEqualTo(200);
            assertThat(c.log()).noneMatch(line -> line.contains("rebuilding"));

            // Views beaconed to all three nodes add up exactly in Most read.
            int[] views = {5, 7, 9};
            for (int n = 0; n < nodes.size(); n++) {
                for (int v = 0; v < views[n]; v++) {
                    HttpResponse<String> beacon = nodes.get(n).post("/v/" + id, "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/" + n + "." + v);
                    assertThat(beacon.statusCode()).isEqualTo(204);
                }
            }
            for (AppProcess node : nodes) {
                node.stop(); // a clean stop saves the counts still in memory
            }
            a.restart();
            a.awaitHealthy(Duration.ofSeconds(60));
            awaitBy(a, "/most-read", "21 views", Instant.now().plusSeconds(10));
        } finally {
            for (AppProcess node : nodes) {
                node.close();
            }
            receiver.stop(0);
        }
    }

    private static Instant publish(AppProcess.Desk desk, String id, String sectionId, String headline) throws IOException, InterruptedException {
        HttpResponse<String> published = desk.post("/desk/stories/" + id, desk.form(sectionId, headline, desk.version(id), "publish"));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(303);
        return Instant.now();
    }

    private static Article story(Config config, String id) {
        try (Dateline.Core core = Dateline.Core.open(config, java.time.Clock.systemUTC())) {
            return core.articles().findById(id).orElseThrow();
        }
    }

    /** Waits until the node's page shows the text, failing if that takes past {@code deadline}. */
    private static void awaitBy(AppProcess node, String path, String text, Instant deadline) throws Exception {
        String body = "";
        while (true) {
            body = node.get(path).body();
            if (body.contains(text)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(node.url(path) + " did not show '" + text + "' in time");
            }
            Thread.sleep(20); // another process catching up with the log
        }
    }

    private static void awaitStatus(AppProcess node, String path, int status, Instant deadline) throws Exception {
        int last;
        while ((last = node.get(path).statusCode()) != status) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(node.url(path) + " answered " + last + ", not " + status + ", in time");
            }
            Thread.sleep(20); // another process catching up with the log
        }
    }
}
