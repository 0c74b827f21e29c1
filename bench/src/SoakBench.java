import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed traffic against a running Dateline: article pages (cached), section pages past the first
 * (rendered), search, view beacons from many readers behind a trusted proxy, and an editor who saves a
 * story every three seconds. First finds the highest rate the site sustains (closed loop, 20 s), then
 * holds half of it for the soak, printing each minute's rate, errors and heap after the last major GC.
 *
 * <p>Usage: {@code SoakBench BASE_URL METRICS_TOKEN EDITOR_EMAIL EDITOR_PASSWORD SOAK_SECONDS}
 */
public class SoakBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicLong REQUESTS = new AtomicLong();
    static final AtomicLong ERRORS = new AtomicLong();
    static final List<String> ERROR_SAMPLES = new ArrayList<>();
    static String base;
    static List<String> articles = new ArrayList<>();
    static List<String> ids = new ArrayList<>();
    static List<String> sections = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        base = args[0];
        String token = args[1];
        int soakSeconds = Integer.parseInt(args[4]);
        String home = get("/").body();
        collect(home, "href=\"(/\\d{4}/\\d{2}/\\d{2}/[^\"/]+)\"", articles);
        collect(home, "href=\"/([a-z-]+)\"", sections);
        sections.removeIf(s -> s.equals("most-read") || s.equals("search"));
        for (String path : articles) {
            Matcher m = Pattern.compile("data-article-id=\"([^\"]+)\"").matcher(get(path).body());
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        System.out.printf("stories %d, sections %d%n", articles.size(), sections.size());

        double max = closedLoop(16, 20);
        double target = max / 2;
        System.out.printf("highest sustained rate (closed loop, 16 clients, 20 s): %.0f req/s; soak at %.0f req/s for %d s%n", max, target, soakSeconds);
        REQUESTS.set(0);
        ERRORS.set(0);
        Thread editor = new Thread(() -> edit(args[2], args[3], soakSeconds), "editor");
        editor.start();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        Random random = new Random(1);
        long start = System.nanoTime();
        long next = start;
        long intervalNanos = (long) (1e9 / target);
        long minuteStart = start;
        long minuteRequests = 0;
        long minuteErrors = 0;
        int minute = 0;
        List<String> report = new ArrayList<>();
        while (System.nanoTime() - start < soakSeconds * 1_000_000_000L) {
            long seed = random.nextLong();
            pool.submit(() -> one(new Random(seed)));
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (System.nanoTime() - minuteStart >= 60_000_000_000L) {
                minute++;
                long requests = REQUESTS.get() - minuteRequests;
                long errors = ERRORS.get() - minuteErrors;
                String line = String.format("minute %2d: %6.0f req/s, %d errors, heap after GC %.1f MB", minute, requests / 60.0, errors, liveHeapMb(token));
                System.out.println(line);
                report.add(line);
                minuteRequests = REQUESTS.get();
                minuteErrors = ERRORS.get();
                minuteStart = System.nanoTime();
            }
        }
        pool.shutdown();
        pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        editor.join();
        System.out.printf("total: %d requests, %d errors%n", REQUESTS.get(), ERRORS.get());
        if (!report.isEmpty()) {
            System.out.println("first minute: " + report.get(0));
            System.out.println("last minute:  " + report.get(report.size() - 1));
        }
        synchronized (ERROR_SAMPLES) {
            ERROR_SAMPLES.stream().limit(10).forEach(e -> System.out.println("error: " + e));
        }
        System.exit(ERRORS.get() == 0 ? 0 : 1);
    }

    /** The rate 16 clients reach asking as fast as they are answered. */
    static double closedLoop(int clients, int seconds) throws InterruptedException {
        REQUESTS.set(0);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Random random = new Random(i);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    one(random);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return REQUESTS.get() / (double) seconds;
    }

    /** One reader's request: 60% an article, 10% a section page past the first, 10% search, 20% a beacon. */
    static void one(Random random) {
        int kind = random.nextInt(100);
        try {
            if (kind < 60) {
                check(get(articles.get(random.nextInt(articles.size()))), 200);
            } else if (kind < 70) {
                check(get("/" + sections.get(random.nextInt(sections.size())) + "?page=" + (2 + random.nextInt(3))), 200, 404);
            } else if (kind < 80) {
                String[] words = {"rates", "storm", "election", "market", "football", "ratse", "climate", "energy"};
                check(get("/search?q=" + URLEncoder.encode(words[random.nextInt(words.length)], StandardCharsets.UTF_8)), 200);
            } else {
                String reader = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
                HttpRequest beacon = HttpRequest.newBuilder(URI.create(base + "/v/" + ids.get(random.nextInt(ids.size()))))
                        .header("User-Agent", "Mozilla/5.0 (soak " + random.nextInt() + ")").header("X-Forwarded-For", reader)
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
                check(HTTP.send(beacon, HttpResponse.BodyHandlers.discarding()), 204);
            }
        } catch (Exception e) {
            error(e.toString());
        }
    }

    /** An editor signs in, makes a draft, and saves it every three seconds with a new paragraph. */
    static void edit(String email, String password, int seconds) {
        try {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            String login = client.send(HttpRequest.newBuilder(URI.create(base + "/desk/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            post(client, "/desk/login", "_csrf=" + hidden(login, "_csrf") + "&email=" + enc(email) + "&password=" + enc(password));
            String newForm = client.send(HttpRequest.newBuilder(URI.create(base + "/desk/stories/new")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String csrf = hidden(newForm, "_csrf");
            Matcher section = Pattern.compile("<option value=\"([a-z0-9]{16})\"").matcher(newForm);
            section.find();
            String body = "<p>Soak.</p>";
            HttpResponse<String> made = post(client, "/desk/stories", form(csrf, section.group(1), body, 0));
            String id = made.headers().firstValue("Location").orElseThrow().replace("/desk/stories/", "");
            int version = 1;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(3000); // an editor's pace
                body += "<p>Another paragraph " + version + ".</p>";
                HttpResponse<String> saved = post(client, "/desk/stories/" + id, form(csrf, section.group(1), body, version));
                REQUESTS.incrementAndGet();
                if (saved.statusCode() == 303) {
                    version++;
                } else {
                    error("desk save answered " + saved.statusCode());
                }
            }
        } catch (Exception e) {
            error("editor: " + e);
        }
    }

    static String form(String csrf, String sectionId, String body, int version) {
        return "_csrf=" + csrf + "&version=" + version + "&headline=" + enc("Soak test story") + "&standfirst=" + enc("Saved every few seconds.")
                + "&bodyHtml=" + enc(body) + "&sectionId=" + sectionId + "&language=en&source=staff&action=save";
    }

    static HttpResponse<String> post(HttpClient client, String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void check(HttpResponse<?> response, int... expected) {
        REQUESTS.incrementAndGet();
        for (int status : expected) {
            if (response.statusCode() == status) {
                return;
            }
        }
        error(response.request().uri() + " answered " + response.statusCode());
    }

    static void error(String what) {
        ERRORS.incrementAndGet();
        synchronized (ERROR_SAMPLES) {
            if (ERROR_SAMPLES.size() < 100) {
                ERROR_SAMPLES.add(what);
            }
        }
    }

    /** jvm_gc_live_data_size_bytes: the old generation's size after the last major collection, in MB. */
    static double liveHeapMb(String token) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes\\S*\\s+(\\S+)").matcher(metrics);
            return m.find() ? Double.parseDouble(m.group(1)) / 1048576 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static void collect(String html, String regex, List<String> into) {
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            if (!into.contains(m.group(1))) {
                into.add(m.group(1));
            }
        }
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
