package dateline.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.SiteTestCase;
import dateline.content.Article;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * What every desk test over real HTTP starts from ({@link SiteTestCase}: a running site with a World
 * section, on each database), with the helpers and the newsroom these tests share. Each test class
 * makes its own people with {@link DeskClient#newAccount} in a {@code @BeforeEach} of its own, which
 * runs after this one.
 */
abstract class DeskTestCase extends SiteTestCase {
    static final String PASSWORD = DeskClient.PASSWORD;
    static final ObjectMapper JSON = new ObjectMapper();

    DeskClient eddie;
    DeskClient erin;
    DeskClient admin;

    /** Two editors and an admin, signed in: the newsroom most desk tests work with. */
    void givenNewsroom() {
        eddie = DeskClient.newAccount(site, "eddie@example.org", "Eddie", Role.EDITOR);
        erin = DeskClient.newAccount(site, "erin@example.org", "Erin", Role.EDITOR);
        admin = DeskClient.newAccount(site, "ada@example.org", "Ada Admin", Role.ADMIN);
    }

    DeskClient signedIn(String email) {
        return DeskClient.signedIn(site, email, PASSWORD);
    }

    /** The story form in the World section, as the desk page sends it with this client's CSRF token. */
    String form(DeskClient client, String headline, String body, int version, String action) {
        return client.storyForm(world.id(), headline, body, version, action);
    }

    Article stored(String id) {
        return site.app.articles().findById(id).orElseThrow();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DeskTestCase.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
