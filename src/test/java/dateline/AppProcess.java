package dateline;

import dateline.platform.Config;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dateline as a separate process ({@code dateline.Main serve} on this test's class path), as an
 * operator runs it: for tests that kill it, restart it, or run several nodes on one database.
 */
public final class AppProcess implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery staple";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final Config config;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> extraEnv;
    private Process process;

    private AppProcess(Config config, Path dataDir, int port, Map<String, String> extraEnv) {
        this.config = config;
        this.dataDir = dataDir;
        this.port = port;
        this.extraEnv = extraEnv;
    }

    /** Starts a node on {@code config}'s database, with its own data folder and a free port; returns once it is listening. */
    public static AppProcess start(Config config, Path dataDir, Map<String, String> extraEnv) throws IOException {
        AppProcess app = new AppProcess(config, dataDir, freePort(), extraEnv);
        app.launch();
        return app;
    }

    /** The same on the configuration's own data folder. */
    public static AppProcess start(Config config) throws IOException {
        return start(config, config.dataDir(), Map.of());
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "dateline.Main", "serve");
        Map<String, String> env = builder.environment();
        env.put("DATELINE_PORT", Integer.toString(port));
        env.put("DATELINE_HOST", "127.0.0.1");
        env.put("DATELINE_DATA", dataDir.toString());
        env.put("DATELINE_DB_URL", config.dbUrl());
        env.put("DATELINE_DB_USER", config.dbUser() == null ? "" : config.dbUser());
        env.put("DATELINE_DEMO", "false");
        env.put("DATELINE_PASSWORD_COST", "4");
        env.put("DATELINE_LOG_LEVEL", "WARN");
        env.putAll(extraEnv);
        java.nio.file.Files.createDirectories(dataDir);
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("app-" + System.nanoTime() + ".log").toFile());
        process = builder.start();
    }

    /** Starts the node again (after {@link #kill} or {@link #stop}) on the same port and data folder. */
    public void restart() throws IOException {
        launch();
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** SIGKILL: no shutdown hook, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: a clean shutdown (view counts saved). */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until {@code /healthz} answers 200: listening, and caught up with the event log. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/healthz").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50); // polling a process that is starting
        }
        throw new AssertionError("the node on port " + port + " did not answer /healthz with 200 within " + timeout);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The page's body once it contains the text (bounded wait: derived views follow the log). */
    public String awaitBody(String path, String text, Duration timeout) throws Exception {
        String body = "";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            body = get(path).body();
            if (body.contains(text)) {
                return body;
            }
            Thread.sleep(20); // the views catching up on another process
        }
        throw new AssertionError(url(path) + " does not show '" + text + "' within " + timeout);
    }

    /** A desk session over HTTP: the sign-in form, the session cookie and the CSRF token; it can move to another node. */
    public static final class Desk {
        private final Map<String, String> cookies = new HashMap<>();
        private AppProcess node;
        private String csrf;

        public Desk(AppProcess node) {
            this.node = node;
        }

        /** The same session, its requests sent to another node from now on. */
        public Desk on(AppProcess other) {
            Desk moved = new Desk(other);
            moved.cookies.putAll(cookies);
            moved.csrf = csrf;
            return moved;
        }

        public void signIn(String email) throws IOException, InterruptedException {
            HttpResponse<String> form = get("/desk/login");
            post("/desk/login", "_csrf=" + hidden(form.body()) + "&email=" + enc(email) + "&password=" + enc(PASSWORD));
            csrf = hidden(get("/desk").body());
        }

        public String csrf() {
            return csrf;
        }

        /** The CSRF token as a page of this node shows it. */
        public String csrfFrom(String path) throws IOException, InterruptedException {
            return hidden(get(path).body());
        }

        public String form(String sectionId, String headline, int version, String action) {
            return "_csrf=" + csrf + "&version=" + version + "&headline=" + enc(headline) + "&standfirst=" + enc("A standfirst.")
                    + "&bodyHtml=" + enc("<p>" + headline + ".</p>") + "&sectionId=" + sectionId + "&language=en&source=staff&action=" + action;
        }

        /** The story's current version, from the desk form. */
        public int version(String id) throws IOException, InterruptedException {
            Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(get("/desk/stories/" + id).body());
            if (!m.find()) {
                throw new IOException("no version on the story's desk page");
            }
            return Integer.parseInt(m.group(1));
        }

        /** Makes a story and returns its id. */
        public String create(String sectionId, String headline) throws IOException, InterruptedException {
            HttpResponse<String> made = post("/desk/stories", form(sectionId, headline, 0, "save"));
            return made.headers().firstValue("Location").orElseThrow(() -> new IOException("create answered " + made.statusCode()))
                    .replace("/desk/stories/", "").replaceFirst("[?#].*", "");
        }

        public HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return remember(HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            return remember(HTTP.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(node.url(path)));
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

        public static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    /** Every line the node logged, for assertions on what it did (no rebuild, no error). */
    public List<String> log() throws IOException {
        try (var files = java.nio.file.Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("app-")).sorted().flatMap(f -> {
                try {
                    return java.nio.file.Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
