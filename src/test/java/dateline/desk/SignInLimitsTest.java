package dateline.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.TestSite;
import dateline.platform.ClientAddress;
import dateline.platform.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign-in limits as an attacker meets them, on each database: guesses sent at once cannot slip past
 * the count, delays grow instead of locking anyone out, readers behind a trusted proxy are told apart,
 * and odd passwords or bodies get a clear answer rather than a 500.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SignInLimitsTest {
    static final String PASSWORD = DeskClient.PASSWORD;

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;
    TestSite site;

    @BeforeEach
    void setUp() {
        site = TestSite.start(database, tempDir, Map.of("DATELINE_TRUSTED_PROXIES", "127.0.0.1, ::1"));
        site.app.parts().accounts().create("editor@example.org", "Eddie Editor", Role.EDITOR, PASSWORD, "test");
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    /** A sign-in form post from a reader at {@code address}, as our trusted proxy forwards it. */
    private HttpResponse<String> signInFrom(String address, String email, String password) {
        HttpResponse<String> form = site.get("/desk/login", "X-Forwarded-For", address);
        String csrf = DeskClient.hidden(form.body(), "_csrf");
        String cookie = DeskClient.cookieValue(form, DeskRoutes.LOGIN_CSRF_COOKIE);
        return site.postForm("/desk/login", "_csrf=" + csrf + "&email=" + DeskClient.enc(email) + "&password=" + DeskClient.enc(password),
                "Cookie", DeskRoutes.LOGIN_CSRF_COOKIE + "=" + cookie, "X-Forwarded-For", address);
    }

    @Test
    void guesses_sent_at_the_same_moment_are_counted_before_any_is_checked() throws Exception {
        int guesses = 24;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            int n = i;
            tasks.add(() -> signInFrom("203.0.113.50", "editor@example.org", "guess number " + n).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("passwords checked").isEqualTo(LoginLimiter.PAIR.free());
    }

    @Test
    void delays_grow_with_each_failure_and_end_after_waiting() {
        for (int i = 0; i < LoginLimiter.PAIR.free(); i++) {
            assertThat(signInFrom("203.0.113.7", "editor@example.org", "wrong " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> slowed = signInFrom("203.0.113.7", "editor@example.org", PASSWORD);
        assertThat(slowed.statusCode()).isEqualTo(429);
        assertThat(slowed.headers().firstValue("Retry-After")).hasValue("1");

        site.clock.advance(Duration.ofSeconds(1));
        assertThat(signInFrom("203.0.113.7", "editor@example.org", "wrong again").statusCode()).isEqualTo(401);
        HttpResponse<String> longer = signInFrom("203.0.113.7", "editor@example.org", PASSWORD);
        assertThat(longer.headers().firstValue("Retry-After")).hasValue("2");
        site.clock.advance(Duration.ofSeconds(2));

        assertThat(signInFrom("203.0.113.7", "editor@example.org", PASSWORD).statusCode()).as("the right password, after waiting").isEqualTo(303);
    }

    @Test
    void strangers_guessing_from_many_addresses_cannot_keep_an_editor_out_for_more_than_a_minute() {
        for (int i = 0; i < 60; i++) {
            signInFrom("198.51.100." + i, "editor@example.org", "stranger's guess " + i);
            site.clock.advance(Duration.ofMillis(200));
        }

        HttpResponse<String> owner = signInFrom("192.0.2.10", "editor@example.org", PASSWORD);
        if (owner.statusCode() == 429) {
            assertThat(Long.parseLong(owner.headers().firstValue("Retry-After").orElseThrow())).isLessThanOrEqualTo(60);
            site.clock.advance(Duration.ofSeconds(61));
            owner = signInFrom("192.0.2.10", "editor@example.org", PASSWORD);
        }
        assertThat(owner.statusCode()).isEqualTo(303);
    }

    @Test
    void readers_behind_a_trusted_proxy_are_told_apart_and_forwarded_headers_from_anyone_else_are_ignored() {
        for (int i = 0; i < 40; i++) { // forty readers behind our proxy, each wrong once: none of them slows the next
            assertThat(signInFrom("203.0.113." + i, "reader" + i + "@example.org", "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(signInFrom("192.0.2.99", "editor@example.org", PASSWORD).statusCode()).isEqualTo(303);

        assertThat(ClientAddress.trusting("").of("127.0.0.1", "203.0.113.5")).as("no trusted proxy: the header is not believed").isEqualTo("127.0.0.1");
        ClientAddress trusted = ClientAddress.trusting("10.0.0.0/8");
        assertThat(trusted.of("10.1.2.3", "198.51.100.1, 203.0.113.5, 10.9.9.9")).isEqualTo("203.0.113.5");
        assertThat(trusted.of("192.0.2.1", "203.0.113.5")).as("not from the proxy").isEqualTo("192.0.2.1");
        assertThat(trusted.secure("http", "10.1.2.3", "https")).isTrue();
        assertThat(trusted.secure("http", "192.0.2.1", "https")).isFalse();
    }

    @Test
    void over_tls_through_a_trusted_proxy_browsers_are_told_to_stay_on_https() {
        assertThat(site.get("/", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(site.get("/desk/login", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(site.get("/").headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
    }

    @Test
    void passwords_over_bcrypts_72_bytes_get_a_clear_answer_everywhere() {
        String longPassword = "é".repeat(40); // 80 bytes, 40 characters
        assertThat(signInFrom("203.0.113.1", "editor@example.org", longPassword).statusCode()).isEqualTo(401);

        DeskClient admin = DeskClient.newAccount(site, "ada@example.org", "Ada Admin", Role.ADMIN);
        HttpResponse<String> made = admin.post("/desk/users", "_csrf=" + admin.csrf + "&email=new%40example.org&name=New&role=editor&password="
                + DeskClient.enc(longPassword));
        assertThat(made.statusCode()).isEqualTo(422);
        assertThat(made.body()).contains("at most 72 bytes");
        HttpResponse<String> changed = admin.post("/desk/account", "_csrf=" + admin.csrf + "&current=" + DeskClient.enc(PASSWORD)
                + "&password=" + DeskClient.enc(longPassword));
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(changed.body()).contains("at most 72 bytes");
    }

    /** A sign-in post on a connection of its own (the server closes one whose body it could not read). */
    private HttpResponse<String> postAlone(String contentType, String body, String cookie) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + site.app.port() + "/desk/login"))
                    .header("Content-Type", contentType).header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void a_sign_in_with_a_malformed_body_is_a_bad_request() throws Exception {
        HttpResponse<String> form = site.get("/desk/login");
        String cookie = DeskRoutes.LOGIN_CSRF_COOKIE + "=" + DeskClient.cookieValue(form, DeskRoutes.LOGIN_CSRF_COOKIE);

        HttpResponse<String> multipart = postAlone("multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nno end", cookie);
        HttpResponse<String> charset = postAlone("application/x-www-form-urlencoded; charset=x-no-such-charset", "email=a&password=b", cookie);

        assertThat(multipart.statusCode()).isEqualTo(400);
        assertThat(charset.statusCode()).isEqualTo(400);
    }
}
