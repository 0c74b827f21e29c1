package dateline.desk;

import dateline.platform.Config;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.TestSite;
import dateline.platform.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeskRoutesTest {
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tempDir;
    TestSite site;

    @BeforeEach
    void setUp() {
        site = TestSite.start(TestDatabase.SQLITE, tempDir);
        Accounts accounts = site.app.parts().accounts();
        accounts.create("contributor@example.org", "Cora Contributor", Role.CONTRIBUTOR, PASSWORD, "test");
        accounts.create("editor@example.org", "Eddie Editor", Role.EDITOR, PASSWORD, "test");
        accounts.create("admin@example.org", "Ada Admin", Role.ADMIN, PASSWORD, "test");
        var world = site.givenSection("World");
        storyId = site.content.create(site.givenDraft("A contributor's draft", world, site.givenAuthor("Cora Contributor")), "contributor@example.org").id();
    }

    String storyId;

    @AfterEach
    void tearDown() {
        site.close();
    }

    /**
     * Every desk route × anonymous and every role → the status expected. A route added to
     * {@link DeskRoutes#routes} without a row here fails the test.
     */
    static final Map<String, Map<String, Integer>> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("GET /desk/login", Map.of("anonymous", 200, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/login", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 403)); // no login CSRF cookie
        MATRIX.put("POST /desk/logout", Map.of("anonymous", 403, "contributor", 303, "editor", 303, "admin", 303));
        MATRIX.put("GET /desk", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/now", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/account", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/account", Map.of("anonymous", 403, "contributor", 422, "editor", 422, "admin", 422)); // no current password
        MATRIX.put("GET /desk/users", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 200));
        MATRIX.put("POST /desk/users", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 422)); // an empty form
        MATRIX.put("POST /desk/users/{id}", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 404)); // a story id is no account
        MATRIX.put("GET /desk/apikeys", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 200));
        MATRIX.put("POST /desk/apikeys", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 422));
        MATRIX.put("POST /desk/apikeys/{id}/revoke", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 404));
        MATRIX.put("GET /desk/webhooks", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 200));
        MATRIX.put("POST /desk/webhooks", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 422));
        MATRIX.put("POST /desk/webhooks/{id}/disable", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 404));
        MATRIX.put("GET /desk/tags", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/images", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/images", Map.of("anonymous", 403, "contributor", 422, "editor", 422, "admin", 422)); // no file
        MATRIX.put("GET /desk/images/search", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/images/{id}", Map.of("anonymous", 303, "contributor", 404, "editor", 404, "admin", 404)); // a story id is no image
        MATRIX.put("POST /desk/images/{id}", Map.of("anonymous", 403, "contributor", 403, "editor", 404, "admin", 404));
        MATRIX.put("GET /desk/stories/search", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/stories/preview", Map.of("anonymous", 403, "contributor", 422, "editor", 422, "admin", 422));
        MATRIX.put("POST /desk/stories/{id}/preview", Map.of("anonymous", 403, "contributor", 422, "editor", 422, "admin", 422));
        MATRIX.put("POST /desk/stories/{id}/autosave", Map.of("anonymous", 403, "contributor", 409, "editor", 409, "admin", 409)); // no version
        MATRIX.put("POST /desk/stories/{id}/presence", Map.of("anonymous", 403, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/stories/new", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/stories", Map.of("anonymous", 403, "contributor", 422, "editor", 422, "admin", 422)); // an empty form
        MATRIX.put("GET /desk/stories/{id}", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/stories/{id}", Map.of("anonymous", 403, "contributor", 409, "editor", 409, "admin", 409)); // no version: stale
        MATRIX.put("GET /desk/stories/{id}/revisions", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/stories/{id}/revisions/{version}/restore", Map.of("anonymous", 403, "contributor", 409, "editor", 409, "admin", 409)); // no base version
        MATRIX.put("GET /desk/front", Map.of("anonymous", 303, "contributor", 403, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/front", Map.of("anonymous", 403, "contributor", 403, "editor", 400, "admin", 400)); // no button
        MATRIX.put("POST /desk/breaking", Map.of("anonymous", 403, "contributor", 403, "editor", 422, "admin", 422)); // no line, no story
        MATRIX.put("GET /desk/audit", Map.of("anonymous", 303, "contributor", 403, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/settings", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 200));
        MATRIX.put("POST /desk/settings", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 303));
        MATRIX.put("GET /desk/wire", Map.of("anonymous", 303, "contributor", 200, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/wire/new-count", Map.of("anonymous", 303, "contributor", 400, "editor", 400, "admin", 400)); // no since
        MATRIX.put("GET /desk/wire/{id}", Map.of("anonymous", 303, "contributor", 404, "editor", 404, "admin", 404)); // a story id is no wire item
        MATRIX.put("POST /desk/wire/{id}/use", Map.of("anonymous", 403, "contributor", 404, "editor", 404, "admin", 404));
        MATRIX.put("POST /desk/wire/{id}/publish", Map.of("anonymous", 403, "contributor", 403, "editor", 404, "admin", 404));
        MATRIX.put("GET /desk/sources", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 200));
        MATRIX.put("POST /desk/sources", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 422)); // an empty form
        MATRIX.put("GET /desk/sources/{name}", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 404));
        MATRIX.put("POST /desk/sources/{name}/enable", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 404));
        MATRIX.put("GET /desk/pages", Map.of("anonymous", 303, "contributor", 403, "editor", 200, "admin", 200));
        MATRIX.put("GET /desk/pages/new", Map.of("anonymous", 303, "contributor", 403, "editor", 200, "admin", 200));
        MATRIX.put("POST /desk/pages", Map.of("anonymous", 403, "contributor", 403, "editor", 422, "admin", 422)); // no title
        MATRIX.put("GET /desk/pages/{id}", Map.of("anonymous", 303, "contributor", 403, "editor", 404, "admin", 404)); // a story id is no page
        MATRIX.put("POST /desk/pages/{id}", Map.of("anonymous", 403, "contributor", 403, "editor", 404, "admin", 404));
        MATRIX.put("GET /desk/import", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 200));
        MATRIX.put("POST /desk/import", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 422)); // no file
        MATRIX.put("GET /desk/import/{job}", Map.of("anonymous", 303, "contributor", 403, "editor", 403, "admin", 404));
        MATRIX.put("POST /desk/sources/{name}/disable", Map.of("anonymous", 403, "contributor", 403, "editor", 403, "admin", 404));
    }

    @Test
    void every_desk_route_answers_each_role_as_the_matrix_says() {
        assertThat(MATRIX.keySet()).as("every desk route has a row in the authorization matrix")
                .containsExactlyInAnyOrderElementsOf(site.app.parts().desk().routes().stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toList()));
        for (var row : MATRIX.entrySet()) {
            String method = row.getKey().split(" ")[0];
            String path = row.getKey().split(" ")[1].replace("{id}", storyId).replace("{version}", "1").replace("{name}", "no-such-source").replace("{job}", "no-such-job");
            for (var cell : row.getValue().entrySet()) {
                DeskClient client = new DeskClient(site);
                if (!cell.getKey().equals("anonymous")) {
                    assertThat(client.signIn(cell.getKey() + "@example.org", PASSWORD).statusCode()).isEqualTo(303);
                }
                HttpResponse<String> response = method.equals("GET") ? client.get(path)
                        : client.post(path, client.csrf == null ? "" : "_csrf=" + client.csrf);
                assertThat(response.statusCode()).as(row.getKey() + " as " + cell.getKey()).isEqualTo(cell.getValue());
            }
        }
    }

    @Test
    void signing_in_sets_an_http_only_same_site_cookie_and_signing_out_ends_the_session() {
        DeskClient client = new DeskClient(site);

        HttpResponse<String> signIn = client.signIn("Editor@Example.org ", PASSWORD);

        assertThat(signIn.headers().firstValue("Location")).contains("/desk");
        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DeskRoutes.SESSION_COOKIE)).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/desk", "Secure");
        assertThat(client.get("/desk").body()).contains("Sign out Eddie Editor", "My drafts", "All drafts", "Recently published");

        assertThat(client.post("/desk/logout", "_csrf=" + client.csrf).statusCode()).isEqualTo(303);
        assertThat(client.get("/desk").statusCode()).isEqualTo(303);
    }

    @Test
    void a_wrong_password_is_refused_and_repeated_failures_are_slowed_down() {
        DeskClient client = new DeskClient(site);

        HttpResponse<String> wrong = client.signIn("editor@example.org", "not the password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("That email and password do not match an account.", "value=\"editor@example.org\"")
                .doesNotContain("not the password");
        for (int i = 0; i < 4; i++) {
            client.signIn("editor@example.org", "still wrong " + i);
        }

        HttpResponse<String> blocked = client.signIn("editor@example.org", PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed sign-ins");
        Config otherConfig = Config.fromEnv(java.util.Map.of("DATELINE_PORT", "0",
                "DATELINE_DATA", tempDir.resolve("other-node").toString(), "DATELINE_DB_URL", site.config().dbUrl(), "DATELINE_DEMO", "false"));
        try (TestSite otherNode = TestSite.restart(otherConfig, site.clock)) {
            assertThat(new DeskClient(otherNode).signIn("editor@example.org", PASSWORD).statusCode())
                    .as("another app node on the same database knows of the failures").isEqualTo(429);
        }

        site.clock.advance(java.time.Duration.ofMinutes(16));
        assertThat(new DeskClient(site).signIn("editor@example.org", PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void a_post_without_the_sessions_csrf_token_is_refused() {
        DeskClient client = new DeskClient(site);
        client.signIn("admin@example.org", PASSWORD);

        assertThat(client.post("/desk/logout", "_csrf=forged").statusCode()).isEqualTo(403);
        assertThat(client.get("/desk").statusCode()).isEqualTo(200);
    }

    @Test
    void an_admin_sets_the_follow_line_and_a_bad_address_is_refused_with_the_form_kept() {
        DeskClient admin = new DeskClient(site);
        admin.signIn("admin@example.org", PASSWORD);

        HttpResponse<String> bad = admin.post("/desk/settings", "_csrf=" + admin.csrf + "&googleNewsUrl=" + DeskClient.enc("news.google.com/x") + "&appUrl=");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Give the full https:// address of the Google News page.", "value=\"news.google.com/x\"");

        HttpResponse<String> good = admin.post("/desk/settings", "_csrf=" + admin.csrf + "&googleNewsUrl="
                + DeskClient.enc("https://news.google.com/publications/x") + "&appUrl=");
        assertThat(good.statusCode()).isEqualTo(303);
        site.awaitViews();
        assertThat(site.get("/").body()).contains("<a href=\"https://news.google.com/publications/x\">Google News</a>");
    }
}
