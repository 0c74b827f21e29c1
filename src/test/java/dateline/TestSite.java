package dateline;

import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.ContentService;
import dateline.content.Section;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Dateline on a real database and a random port, with a hand-set clock, plus the
 * {@code given…} helpers tests build their fixtures with.
 */
public final class TestSite implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    public final MutableClock clock;
    public final Dateline app;
    public final ContentService content;
    private final Config config;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestSite(Config config, boolean start, MutableClock clock) {
        this.config = config;
        this.clock = clock;
        this.app = Dateline.create(config, clock);
        this.content = app.content();
        if (start) {
            app.start();
        }
    }

    /** A running site on a new, empty database of the given kind. */
    public static TestSite start(TestDatabase db, Path tempDir) {
        return new TestSite(db.config(tempDir), true, new MutableClock(START));
    }

    /** A running site with more settings. */
    public static TestSite start(TestDatabase db, Path tempDir, java.util.Map<String, String> settings) {
        return new TestSite(db.config(tempDir, settings), true, new MutableClock(START));
    }

    /** A site started again on the same database and data folder, as after a restart. */
    public static TestSite restart(Config config, MutableClock clock) {
        return new TestSite(config, true, clock);
    }

    public Config config() {
        return config;
    }

    /** The same, but not serving HTTP: for tests of the content service alone. */
    public static TestSite unstarted(TestDatabase db, Path tempDir) {
        return new TestSite(db.config(tempDir), false, new MutableClock(START));
    }

    public Section givenSection(String name) {
        return content.createSection(name, null, "All the " + name + " news.", 0);
    }

    public Author givenAuthor(String name) {
        return content.createAuthor(name, "Reporter", name + " reports for us.");
    }

    public ArticleDraft givenDraft(String headline, Section section, Author... authors) {
        return new ArticleDraft(headline, "A standfirst for " + headline + ".", "<p>Body of " + headline + ".</p>", "London",
                section.id(), List.of(authors).stream().map(Author::id).toList(), List.of("Politics"), null, "en", "staff", null);
    }

    public Article givenPublished(String headline, Section section, Author... authors) {
        Article draft = content.create(givenDraft(headline, section, authors), "test");
        return content.publish(draft.id(), draft.version(), "test");
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        return send(request(path, headers).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> postForm(String path, String form, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postBody(String path, String contentType, byte[] body, String... headers) {
        // A large body asks first (Expect: 100-continue), as browsers' upload libraries do, so a refusal never races the upload.
        return send(request(path, headers).header("Content-Type", contentType).expectContinue(body.length > 1024 * 1024)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request to this site; headers come as name, value, name, value … */
    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (bounded) until this node's derived views have applied every committed event. */
    public void awaitViews() {
        if (!app.awaitDerivedViews(Duration.ofSeconds(10))) {
            throw new AssertionError("derived views did not catch up with the event log within 10 s");
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
