package dateline;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.content.Article;
import dateline.content.Section;
import dateline.content.Urls;
import dateline.desk.Role;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app as a separate process, killed with SIGKILL in the middle of a storm of desk writes from
 * several threads, then started again on the same database and data folder: every write the desk
 * acknowledged (a 303) is there, nothing is half-written (each story's revisions match its version),
 * and the search index, pages and feeds catch up without a rebuild.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CrashRecoveryTest {
    static final String PASSWORD = "correct horse battery staple";
    static final int WRITERS = 4;

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    /** What one writer had acknowledged, and what it was sending when the process died. */
    record Progress(String storyId, int acknowledged, int attempted) {}

    @Test
    void every_acknowledged_write_survives_a_kill_and_the_derived_views_catch_up() throws Exception {
        Config config = database.config(tempDir);
        String sectionId;
        try (Dateline.Core core = Dateline.Core.open(config, new MutableClock(Instant.now()))) {
            core.accounts().create("eddie@example.org", "Eddie", Role.EDITOR, PASSWORD, "test");
            Section world = core.content().createSection("World", null, "", 0);
            sectionId = world.id();
        }
        int port = freePort();
        Process app = start(config, port);
        Map<Integer, Progress> progress = new ConcurrentHashMap<>();
        AtomicBoolean storming = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        try {
            awaitHealthy(port);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> storm(port, writer, sectionId, progress, storming), "writer-" + w);
                writers.add(thread);
                thread.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && (progress.size() < WRITERS || progress.values().stream().anyMatch(p -> p.acknowledged() < 3))) {
                Thread.sleep(50); // waiting for every writer to have saved a few times
            }
            Thread.sleep(300); // then the kill lands in the middle of their writes
        } finally {
            app.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            app.waitFor();
            storming.set(false);
        }
        for (Thread thread : writers) {
            thread.join(10_000);
        }
        assertThat(progress).as("every writer got going before the kill").hasSize(WRITERS);

        Process again = start(config, port);
        try {
            awaitHealthy(port);
            HttpClient http = HttpClient.newHttpClient();
            try (Dateline.Core core = Dateline.Core.open(config, new MutableClock(Instant.now()))) {
                for (Progress p : progress.values()) {
                    Article story = core.articles().findById(p.storyId()).orElseThrow();
                    int version = Integer.parseInt(story.headline().replaceAll("\\D+", " ").strip().split(" ")[1]);
                    assertThat(version).as("story of writer %s: acknowledged %d, sending %d", p.storyId(), p.acknowledged(), p.attempted())
                            .isBetween(p.acknowledged(), p.attempted());
                    assertThat(core.revisions().count(story.id())).as("one revision per version, nothing half-written").isEqualTo(story.version());
                    String path = Urls.article(story, config.zone());
                    String page = awaitBody(http, port, path, story.headline());
                    assertThat(page).contains(story.headline());
                    awaitBody(http, port, "/search?q=" + URLEncoder.encode(story.headline().split(" ")[0], StandardCharsets.UTF_8), story.headline());
                    awaitBody(http, port, "/feed.xml", story.headline());
                }
            }
        } finally {
            again.destroy();
            again.waitFor();
        }
    }

    /**
     * One writer: signs in, makes and publishes a story, then saves new headlines until the process is
     * gone. A save that fails without an answer may still have been stored: the writer reads the story's
     * version again and goes on, so only answered saves count as acknowledged.
     */
    private void storm(int port, int writer, String sectionId, Map<Integer, Progress> progress, AtomicBoolean storming) {
        Desk desk = new Desk(port);
        String id = null;
        int acknowledged = 0;
        int attempted = 0;
        for (int failures = 0; storming.get() && failures < 50; ) {
            try {
                if (id == null) {
                    desk.signIn("eddie@example.org");
                    HttpResponse<String> made = desk.post("/desk/stories", desk.form(sectionId, "Writer" + writer + " version 1", 0, "save"));
                    id = made.headers().firstValue("Location").orElseThrow(() -> new IOException("create answered " + made.statusCode()))
                            .replace("/desk/stories/", "");
                    HttpResponse<String> published = desk.post("/desk/stories/" + id, desk.form(sectionId, "Writer" + writer + " version 1", 1, "publish"));
                    if (published.statusCode() != 303) {
                        throw new IOException("publish answered " + published.statusCode());
                    }
                    acknowledged = 1;
                    attempted = 1;
                    progress.put(writer, new Progress(id, acknowledged, attempted));
                }
                int version = desk.version(id);
                attempted++;
                progress.put(writer, new Progress(id, acknowledged, attempted));
                HttpResponse<String> saved = desk.post("/desk/stories/" + id,
                        desk.form(sectionId, "Writer" + writer + " version " + attempted, version, "save"));
                if (saved.statusCode() != 303) {
                    throw new IOException("save answered " + saved.statusCode());
                }
                acknowledged = attempted;
                progress.put(writer, new Progress(id, acknowledged, attempted));
            } catch (IOException | InterruptedException | RuntimeException e) {
                failures++; // the process being killed, or a busy moment: try again while the storm lasts
                if (storming.get() && failures <= 3) {
                    System.err.println("writer " + writer + ": " + e);
                }
            }
        }
    }

    private static Process start(Config config, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "dateline.Main", "serve");
        Map<String, String> env = builder.environment();
        env.put("DATELINE_PORT", Integer.toString(port));
        env.put("DATELINE_HOST", "127.0.0.1");
        env.put("DATELINE_DATA", config.dataDir().toString());
        env.put("DATELINE_DB_URL", config.dbUrl());
        env.put("DATELINE_DB_USER", config.dbUser() == null ? "" : config.dbUser());
        env.put("DATELINE_DEMO", "false");
        env.put("DATELINE_PASSWORD_COST", "4");
        env.put("DATELINE_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(config.dataDir().resolve("app-" + System.nanoTime() + ".log").toFile());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitHealthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // polling a process that is starting
        }
        throw new AssertionError("the app did not answer /healthz within 60 s");
    }

    /** The page's body once it contains the text (bounded wait: derived views follow the log). */
    private static String awaitBody(HttpClient http, int port, String path, String text) throws Exception {
        String body = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains(text)) {
                return body;
            }
            Thread.sleep(100); // the views catching up on another process
        }
        throw new AssertionError(path + " does not show '" + text + "' within 15 s");
    }

    /** A desk session over HTTP: the sign-in form, the session cookie and the CSRF token. */
    private static final class Desk {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final int port;
        private final Map<String, String> cookies = new HashMap<>();
        private String csrf;

        Desk(int port) {
            this.port = port;
        }

        void signIn(String email) throws IOException, InterruptedException {
            HttpResponse<String> form = get("/desk/login");
            post("/desk/login", "_csrf=" + hidden(form.body()) + "&email=" + enc(email) + "&password=" + enc(PASSWORD));
            csrf = hidden(get("/desk").body());
        }

        String form(String sectionId, String headline, int version, String action) {
            return "_csrf=" + csrf + "&version=" + version + "&headline=" + enc(headline) + "&standfirst=" + enc("A standfirst.")
                    + "&bodyHtml=" + enc("<p>" + headline + ".</p>") + "&sectionId=" + sectionId + "&language=en&source=staff&action=" + action;
        }

        /** The story's current version, from the desk form. */
        int version(String id) throws IOException, InterruptedException {
            Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(get("/desk/stories/" + id).body());
            if (!m.find()) {
                throw new IOException("no version on the story's desk page");
            }
            return Integer.parseInt(m.group(1));
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return remember(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            return remember(http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (!cookies.isEmpty()) {
                builder.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            return builder;
        }

        private HttpResponse<String> remember(HttpResponse<String> response) {
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String pair = cookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return response;
        }

        private static String hidden(String html) {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(html);
            return m.find() ? m.group(1) : "";
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
