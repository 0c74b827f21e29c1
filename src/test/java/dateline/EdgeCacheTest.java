package dateline;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Section;
import dateline.content.Urls;
import dateline.platform.Config;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Varnish configuration in deploy/varnish, run by a real varnishd (Debian's, with the xkey module
 * of varnish-modules) in front of two nodes on one PostgreSQL database: pages are served from the
 * cache, a publication purges exactly the pages it touches (seen through Varnish within two seconds)
 * while the others stay cached, and the desk and the beacons pass through. Skipped where Varnish is not
 * installed, required under CI ({@code .ci/run} installs it). The nginx example is checked by {@code nginx -t}.
 */
class EdgeCacheTest {
    static final Path VARNISHD = Path.of("/usr/sbin/varnishd");
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tempDir;

    static void require(Path program, String packages) {
        boolean here = Files.isExecutable(program);
        if (!here && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs " + program + " (" + packages + "); .ci/run installs it");
        }
        Assumptions.assumeTrue(here, program + " is not installed");
    }

    @Test
    void varnish_serves_from_cache_and_a_publication_purges_exactly_its_pages() throws Exception {
        require(VARNISHD, "apt-get install varnish varnish-modules");
        Config config = TestDatabase.POSTGRESQL.config(tempDir.resolve("setup"));
        int varnishPort = AppProcess.freePort();
        Section world;
        Article business;
        try (Dateline.Core core = Dateline.Core.open(config, Clock.systemUTC())) {
            world = core.content().createSection("World", null, "", 0);
            Section biz = core.content().createSection("Business", null, "", 1);
            publish(core, "Harbour reopens after the storm", world);
            business = publish(core, "Fish market prices settle", biz);
        }
        Map<String, String> env = Map.of("DATELINE_PURGE_URL", "http://127.0.0.1:" + varnishPort + "/.dateline/purge");
        List<AppProcess> nodes = new ArrayList<>();
        Process varnish = null;
        try {
            for (String name : List.of("a", "b")) {
                nodes.add(AppProcess.start(config, tempDir.resolve("node-" + name), env));
            }
            for (AppProcess node : nodes) {
                node.awaitHealthy(Duration.ofSeconds(60));
            }
            varnish = startVarnish(varnishPort, nodes);
            String businessPage = Urls.article(business, ZoneOffset.UTC);

            assertThat(through(varnishPort, "/").headers().firstValue("X-Cache")).contains("MISS");
            HttpResponse<String> home = through(varnishPort, "/");
            assertThat(home.headers().firstValue("X-Cache")).contains("HIT");
            assertThat(home.headers().firstValue("Surrogate-Key")).as("keys stay between Dateline and Varnish").isEmpty();
            through(varnishPort, businessPage);
            assertThat(through(varnishPort, businessPage).headers().firstValue("X-Cache")).contains("HIT");

            Instant published;
            try (Dateline.Core core = Dateline.Core.open(config, Clock.systemUTC())) {
                publish(core, "Lifeboat crew honoured for night rescue", world);
                published = Instant.now();
            }
            while (!through(varnishPort, "/").body().contains("Lifeboat crew honoured for night rescue")) {
                assertThat(Instant.now()).as("the new story through Varnish within 2 s").isBefore(published.plusSeconds(2));
                Thread.sleep(20); // the nodes hearing of the change and purging its keys
            }
            assertThat(through(varnishPort, "/world").body()).contains("Lifeboat crew honoured for night rescue");
            assertThat(through(varnishPort, businessPage).headers().firstValue("X-Cache")).as("an untouched page stays cached").contains("HIT");

            assertThat(through(varnishPort, "/desk/login").headers().firstValue("X-Cache")).contains("MISS");
            assertThat(through(varnishPort, "/desk/login").headers().firstValue("X-Cache")).as("the desk is never cached").contains("MISS");
            HttpResponse<String> beacon = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + varnishPort + "/v/" + business.id()))
                    .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(beacon.statusCode()).isEqualTo(204);
            HttpResponse<String> outsider = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + varnishPort + "/.dateline/purge"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(outsider.statusCode()).isEqualTo(405);
        } finally {
            if (varnish != null) {
                varnish.destroy();
                varnish.waitFor();
            }
            for (AppProcess node : nodes) {
                node.close();
            }
        }
    }

    private static Article publish(Dateline.Core core, String headline, Section section) {
        Article a = core.content().create(new ArticleDraft(headline, "About " + headline + ".", "<p>" + headline + ".</p>", "", section.id(),
                List.of(), List.of(), null, "en", "staff", null), "test");
        return core.content().publish(a.id(), a.version(), "test");
    }

    private Process startVarnish(int port, List<AppProcess> nodes) throws Exception {
        Path dir = Files.createDirectories(tempDir.resolve("varnish"));
        Files.copy(Path.of("deploy/varnish/dateline.vcl"), dir.resolve("dateline.vcl"));
        StringBuilder backends = new StringBuilder();
        StringBuilder init = new StringBuilder("sub vcl_init {\n    new nodes = directors.round_robin();\n");
        for (int i = 0; i < nodes.size(); i++) {
            backends.append("backend node").append(i).append(" {\n    .host = \"127.0.0.1\";\n    .port = \"").append(nodes.get(i).port())
                    .append("\";\n    .probe = { .url = \"/healthz\"; .interval = 1s; .timeout = 1s; .window = 2; .threshold = 1; .initial = 1; }\n}\n");
            init.append("    nodes.add_backend(node").append(i).append(");\n");
        }
        Files.writeString(dir.resolve("dateline-backends.vcl"), backends + init.toString() + "}\n");
        ProcessBuilder builder = new ProcessBuilder(VARNISHD.toString(), "-F", "-j", "none", "-a", "127.0.0.1:" + port,
                "-f", dir.resolve("dateline.vcl").toAbsolutePath().toString(), "-p", "vcl_path=" + dir.toAbsolutePath(),
                "-n", dir.resolve("work").toAbsolutePath().toString(), "-s", "malloc,64m", "-T", "none");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("varnishd.log").toFile());
        Process varnish = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (through(port, "/healthz").statusCode() == 200) {
                    return varnish;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(varnish.isAlive()).as("varnishd: " + Files.readString(dir.resolve("varnishd.log"))).isTrue();
            Thread.sleep(100); // varnishd compiling the VCL and starting its child
        }
        throw new AssertionError("varnishd did not answer within 30 s: " + Files.readString(dir.resolve("varnishd.log")));
    }

    private static HttpResponse<String> through(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_nginx_example_passes_nginx_t() throws Exception {
        require(NGINX, "apt-get install nginx");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) || "true".equals(System.getenv("CI")), "openssl is not installed");
        Path dir = Files.createDirectories(tempDir.resolve("nginx"));
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        Process openssl = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.example.org",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor()).isZero();
        String conf = Files.readString(Path.of("deploy/nginx/dateline.conf"))
                .replace("/etc/letsencrypt/live/news.example.org/fullchain.pem", cert.toString())
                .replace("/etc/letsencrypt/live/news.example.org/privkey.pem", key.toString())
                .replace("/run/nginx-dateline.pid", dir.resolve("nginx.pid").toString())
                .replace("/var/log/nginx/", dir + "/");
        Path file = dir.resolve("dateline.conf");
        Files.writeString(file, conf);
        Process nginx = new ProcessBuilder(NGINX.toString(), "-t", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(), "-c", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(nginx.getInputStream().readAllBytes());
        assertThat(nginx.waitFor()).as(output).isZero();
        assertThat(output).contains("syntax is ok", "test is successful");
    }
}
