import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long after the desk's publish answer a story shows on each surface a reader sees (its page,
 * the home page, its section, the RSS feed, the news sitemap, search): on one node (SQLite), and on
 * three nodes on one PostgreSQL database behind Varnish, read through Varnish. Every node is a real
 * process of target/dateline.jar; the desk is used over HTTP, as an editor uses it.
 *
 * <p>Arguments: WORK_DIR ROUNDS POSTGRES_URL (a database for this run) VARNISHD VCL_FILE.
 */
public final class PublishVisibleBench {
    static final String PASSWORD = "correct horse battery staple";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final List<String> SURFACES = List.of("article", "home", "section", "feed", "news sitemap", "search");

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String pgUrl = args[2];
        Path varnishd = Path.of(args[3]);
        Path vcl = Path.of(args[4]);

        List<Process> processes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
        try {
            // One node on SQLite.
            Map<String, String> sqlite = Map.of("DATELINE_DB_URL", "jdbc:sqlite:" + work.resolve("one/dateline.db"));
            setUp(work.resolve("one"), sqlite);
            int one = freePort();
            processes.add(node(work.resolve("one"), one, sqlite, null));
            awaitHealthy(one);
            Map<String, List<Long>> single = measure(one, one, rounds, "single");
            stopAll(processes);

            // Three nodes on PostgreSQL, behind Varnish.
            Map<String, String> pg = Map.of("DATELINE_DB_URL", pgUrl, "DATELINE_DB_USER", "postgres");
            setUp(work.resolve("setup"), pg);
            int varnishPort = freePort();
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // the first loads the demo content into the empty database; the others join it
                int port = freePort();
                ports.add(port);
                processes.add(node(work.resolve("node" + i), port, pg, "http://127.0.0.1:" + varnishPort + "/.dateline/purge"));
                awaitHealthy(port);
            }
            processes.add(varnish(work.resolve("varnish"), varnishd, vcl, varnishPort, ports));
            awaitHealthy(varnishPort);
            Map<String, List<Long>> cluster = measure(ports.get(0), varnishPort, rounds, "cluster");

            System.out.printf("%-14s %22s %26s%n", "", "one node (ms)", "three nodes + Varnish (ms)");
            System.out.printf("%-14s %10s %10s %12s %12s%n", "surface", "p50", "max", "p50", "max");
            long worstOne = 0;
            long worstCluster = 0;
            for (String surface : SURFACES) {
                List<Long> a = sorted(single.get(surface));
                List<Long> b = sorted(cluster.get(surface));
                worstOne = Math.max(worstOne, a.getLast());
                worstCluster = Math.max(worstCluster, b.getLast());
                System.out.printf("%-14s %10d %10d %12d %12d%n", surface, a.get(a.size() / 2), a.getLast(), b.get(b.size() / 2), b.getLast());
            }
            System.out.printf("worst of %d rounds: one node %d ms, three nodes %d ms; goal: max <= 500 ms on both%n", rounds, worstOne, worstCluster);
        } finally {
            stopAll(processes);
        }
    }

    static List<Long> sorted(List<Long> values) {
        return values.stream().sorted().toList();
    }

    /** An editor account and a section, made by the command line before any node serves. */
    static void setUp(Path data, Map<String, String> db) throws Exception {
        Files.createDirectories(data);
        ProcessBuilder user = command(data, db, "user", "add", "--email", "eddie@example.org", "--name", "Eddie", "--role", "editor");
        Process p = user.start();
        p.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("user add failed");
        }
    }

    static ProcessBuilder command(Path data, Map<String, String> db, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", "target/dateline.jar"));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(db);
        builder.environment().put("DATELINE_DATA", data.toString());
        builder.environment().put("DATELINE_DEMO", "true");
        builder.environment().put("DATELINE_LOG_LEVEL", "WARN");
        builder.environment().put("DATELINE_PASSWORD_COST", "4");
        return builder;
    }

    static Process node(Path data, int port, Map<String, String> db, String purgeUrl) throws IOException {
        Files.createDirectories(data);
        ProcessBuilder builder = command(data, db, "serve");
        builder.environment().put("DATELINE_PORT", Integer.toString(port));
        builder.environment().put("DATELINE_HOST", "127.0.0.1");
        if (purgeUrl != null) {
            builder.environment().put("DATELINE_PURGE_URL", purgeUrl);
        }
        builder.redirectOutput(data.resolve("app.log").toFile());
        return builder.start();
    }

    static Process varnish(Path dir, Path varnishd, Path vcl, int port, List<Integer> nodes) throws IOException {
        Files.createDirectories(dir);
        Files.copy(vcl, dir.resolve("dateline.vcl"));
        StringBuilder backends = new StringBuilder();
        StringBuilder init = new StringBuilder("sub vcl_init {\n    new nodes = directors.round_robin();\n");
        for (int i = 0; i < nodes.size(); i++) {
            backends.append("backend node").append(i).append(" { .host = \"127.0.0.1\"; .port = \"").append(nodes.get(i))
                    .append("\"; .probe = { .url = \"/healthz\"; .interval = 1s; .timeout = 1s; .window = 2; .threshold = 1; .initial = 1; } }\n");
            init.append("    nodes.add_backend(node").append(i).append(");\n");
        }
        Files.writeString(dir.resolve("dateline-backends.vcl"), backends + init.toString() + "}\n");
        return new ProcessBuilder(varnishd.toString(), "-F", "-j", "none", "-a", "127.0.0.1:" + port, "-f", dir.resolve("dateline.vcl").toAbsolutePath().toString(),
                "-p", "vcl_path=" + dir.toAbsolutePath(), "-n", dir.resolve("work").toAbsolutePath().toString(), "-s", "malloc,128m", "-T", "none")
                .redirectErrorStream(true).redirectOutput(dir.resolve("varnishd.log").toFile()).start();
    }

    /** Publishes {@code rounds} stories through the desk on {@code deskPort} and times each surface on {@code readPort}. */
    static Map<String, List<Long>> measure(int deskPort, int readPort, int rounds, String label) throws Exception {
        Desk desk = new Desk(deskPort);
        desk.signIn();
        String section = desk.firstSection();
        String sectionPath = "/" + section.split("\\|")[1];
        Map<String, List<Long>> times = new LinkedHashMap<>();
        SURFACES.forEach(s -> times.put(s, new ArrayList<>()));
        ExecutorService pollers = Executors.newFixedThreadPool(SURFACES.size());
        try {
            for (int r = 0; r < rounds + 2; r++) {
                String word = "zq" + label + r + "x" + Long.toString(System.nanoTime() % 1_000_000, 36);
                String headline = "Round " + r + " " + word + " arrives";
                String id = desk.create(section.split("\\|")[0], headline);
                Thread.sleep(200); // the draft settles everywhere first: only the publication is timed
                String path = desk.publish(id, section.split("\\|")[0], headline);
                long t0 = System.nanoTime();
                Map<String, String> urls = new LinkedHashMap<>();
                urls.put("article", path);
                urls.put("home", "/");
                urls.put("section", sectionPath);
                urls.put("feed", "/feed.xml");
                urls.put("news sitemap", "/news-sitemap.xml");
                urls.put("search", "/search?q=" + word);
                Map<String, Future<Long>> seen = new HashMap<>();
                urls.forEach((surface, url) -> seen.put(surface, pollers.submit(() -> until(readPort, url,
                        surface.equals("news sitemap") ? path : word, t0))));
                for (String surface : SURFACES) {
                    long ms = seen.get(surface).get();
                    if (r >= 2) { // two rounds to warm up
                        times.get(surface).add(ms);
                    }
                }
            }
        } finally {
            pollers.shutdownNow();
        }
        return times;
    }

    /** Milliseconds from t0 until the page at {@code path} contains {@code text}. */
    static long until(int port, String path, String text, long t0) throws Exception {
        while (true) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains(text)) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            if (System.nanoTime() - t0 > Duration.ofSeconds(30).toNanos()) {
                throw new IllegalStateException(path + " did not show " + text + " within 30 s");
            }
            Thread.sleep(5); // polling as a reader reloading would
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing healthy on port " + port);
    }

    static void stopAll(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            p.waitFor();
        }
        processes.clear();
    }

    /** The desk over HTTP: sign-in, a draft, publishing it. */
    static final class Desk {
        final int port;
        final Map<String, String> cookies = new HashMap<>();
        String csrf;

        Desk(int port) {
            this.port = port;
        }

        void signIn() throws Exception {
            post("/desk/login", "_csrf=" + hidden(get("/desk/login").body()) + "&email=eddie%40example.org&password=" + enc(PASSWORD));
            csrf = hidden(get("/desk").body());
        }

        /** The first section of the story form: "id|slug". */
        String firstSection() throws Exception {
            Matcher m = Pattern.compile("<option value=\"([^\"]+)\"[^>]*>([^<]+)</option>").matcher(get("/desk/stories/new").body());
            if (!m.find()) {
                throw new IllegalStateException("no section");
            }
            String name = m.group(2).strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            return m.group(1) + "|" + name;
        }

        String form(String sectionId, String headline, int version, String action) {
            return "_csrf=" + csrf + "&version=" + version + "&headline=" + enc(headline) + "&standfirst=" + enc("A standfirst.")
                    + "&bodyHtml=" + enc("<p>" + headline + ".</p>") + "&sectionId=" + sectionId + "&language=en&source=staff&action=" + action;
        }

        String create(String sectionId, String headline) throws Exception {
            HttpResponse<String> made = post("/desk/stories", form(sectionId, headline, 0, "save"));
            return made.headers().firstValue("Location").orElseThrow().replace("/desk/stories/", "").replaceFirst("[?#].*", "");
        }

        /** Publishes and returns the story's public path. */
        String publish(String id, String sectionId, String headline) throws Exception {
            HttpResponse<String> done = post("/desk/stories/" + id, form(sectionId, headline, 1, "publish"));
            if (done.statusCode() != 303) {
                throw new IllegalStateException("publish answered " + done.statusCode());
            }
            Matcher m = Pattern.compile("href=\"(/\\d{4}/\\d{2}/\\d{2}/[^\"]+)\">on the site").matcher(get("/desk/stories/" + id).body());
            if (!m.find()) {
                throw new IllegalStateException("no public address on the desk page");
            }
            return m.group(1);
        }

        HttpResponse<String> get(String path) throws Exception {
            return remember(HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return remember(HTTP.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (!cookies.isEmpty()) {
                b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            return b;
        }

        HttpResponse<String> remember(HttpResponse<String> response) {
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String pair = cookie.split(";", 2)[0];
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            return response;
        }

        static String hidden(String html) {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(html);
            return m.find() ? m.group(1) : "";
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
