package dateline.desk;

import dateline.content.Urls;
import dateline.content.ContentService;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ImageUpload;
import dateline.content.Section;
import dateline.content.Status;
import dateline.demo.DemoImagesForTests;
import dateline.platform.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin's pages over real HTTP, on each database: accounts and roles, passwords, API keys and webhooks.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AdminPagesTest extends DeskTestCase {
    @BeforeEach
    void setUp() {
        givenNewsroom();
    }

    @Test
    void admins_make_accounts_change_roles_and_disable_them_and_the_audit_log_says_who_did_it() {
        HttpResponse<String> made = admin.post("/desk/users", "_csrf=" + admin.csrf + "&name=Rita&email=rita%40example.org&role=contributor&password="
                + DeskClient.enc("a long enough password"));
        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(made.body()).contains("Account made for rita@example.org");
        HttpResponse<String> bad = admin.post("/desk/users", "_csrf=" + admin.csrf + "&name=Bo&email=bo&role=editor&password=short");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("'bo' is not an email address.", "Use a password of at least 12 characters.", "value=\"Bo\"");

        Accounts accounts = site.app.parts().accounts();
        String ritaId = accounts.find("rita@example.org").orElseThrow().id();
        assertThat(admin.post("/desk/users/" + ritaId, "_csrf=" + admin.csrf + "&action=role&role=editor").statusCode()).isEqualTo(303);
        assertThat(accounts.find("rita@example.org").orElseThrow().role()).isEqualTo(Role.EDITOR);

        DeskClient rita = new DeskClient(site);
        assertThat(rita.signIn("rita@example.org", "a long enough password").statusCode()).isEqualTo(303);
        assertThat(admin.post("/desk/users/" + ritaId, "_csrf=" + admin.csrf + "&action=disable").statusCode()).isEqualTo(303);
        assertThat(rita.get("/desk").statusCode()).as("a disabled account's session ends").isEqualTo(303);
        assertThat(new DeskClient(site).signIn("rita@example.org", "a long enough password").statusCode()).isEqualTo(401);

        String adaId = accounts.find("ada@example.org").orElseThrow().id();
        HttpResponse<String> last = admin.post("/desk/users/" + adaId, "_csrf=" + admin.csrf + "&action=role&role=editor");
        assertThat(last.statusCode()).isEqualTo(409);
        assertThat(last.body()).contains("This is the last active admin account; make another admin first.");
        assertThat(accounts.find("ada@example.org").orElseThrow().role()).isEqualTo(Role.ADMIN);

        String audit = admin.get("/desk/audit").body();
        assertThat(audit).contains("<td>Ada Admin</td>\n      <td>role</td>\n      <td>rita@example.org</td>\n      <td>contributor → editor</td>",
                "<td>disable</td>", "<td>create</td>");
        assertThat(eddie.post("/desk/users/" + ritaId, "_csrf=" + eddie.csrf + "&action=enable").statusCode()).isEqualTo(403);
    }

    @Test
    void people_change_their_own_password_and_admins_set_a_forgotten_one() {
        DeskClient otherDevice = signedIn("eddie@example.org");
        HttpResponse<String> wrong = eddie.post("/desk/account", "_csrf=" + eddie.csrf + "&current=guess&password=" + DeskClient.enc("a brand new password"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Your current password is not right.");

        HttpResponse<String> changed = eddie.post("/desk/account", "_csrf=" + eddie.csrf + "&current=" + DeskClient.enc(PASSWORD)
                + "&password=" + DeskClient.enc("a brand new password"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password is changed.");
        assertThat(eddie.get("/desk").statusCode()).as("this session goes on").isEqualTo(200);
        assertThat(otherDevice.get("/desk").statusCode()).as("other sessions end").isEqualTo(303);
        assertThat(new DeskClient(site).signIn("eddie@example.org", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new DeskClient(site).signIn("eddie@example.org", "a brand new password").statusCode()).isEqualTo(303);

        String eddieId = site.app.parts().accounts().find("eddie@example.org").orElseThrow().id();
        assertThat(admin.post("/desk/users/" + eddieId, "_csrf=" + admin.csrf + "&action=password&password=short").statusCode()).isEqualTo(422);
        assertThat(admin.post("/desk/users/" + eddieId, "_csrf=" + admin.csrf + "&action=password&password=" + DeskClient.enc("set by the admin 2026"))
                .statusCode()).isEqualTo(303);
        assertThat(eddie.get("/desk").statusCode()).as("an admin's reset ends every session").isEqualTo(303);
        assertThat(new DeskClient(site).signIn("eddie@example.org", "set by the admin 2026").statusCode()).isEqualTo(303);
        assertThat(admin.get("/desk/audit").body()).contains("changed by its owner", "set by an admin").doesNotContain("a brand new password");
    }

    @Test
    void admins_make_and_revoke_api_keys_and_register_webhooks_from_the_desk() {
        HttpResponse<String> made = admin.post("/desk/apikeys", "_csrf=" + admin.csrf + "&name=" + DeskClient.enc("Partner app"));
        assertThat(made.statusCode()).isEqualTo(201);
        String key = java.util.regex.Pattern.compile("<code class=\"secret\">(dl_[0-9a-f]+)</code>").matcher(made.body()).results()
                .findFirst().orElseThrow().group(1);
        assertThat(site.get("/api/v1/articles", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        assertThat(admin.get("/desk/apikeys").body()).contains("Partner app").doesNotContain(key);

        String keyId = site.app.parts().apiKeys().list().getFirst().id();
        assertThat(admin.post("/desk/apikeys/" + keyId + "/revoke", "_csrf=" + admin.csrf).statusCode()).isEqualTo(303);
        assertThat(site.get("/api/v1/articles", "Authorization", "Bearer " + key).statusCode()).isEqualTo(401);

        HttpResponse<String> hook = admin.post("/desk/webhooks", "_csrf=" + admin.csrf + "&url=" + DeskClient.enc("https://example.org/hook")
                + "&events=published&events=corrected");
        assertThat(hook.statusCode()).isEqualTo(201);
        assertThat(hook.body()).containsPattern("<code class=\"secret\">whsec_[0-9a-f]+</code>").contains("https://example.org/hook", "corrected, published");
        String hookId = site.app.parts().webhooks().endpoints().getFirst().id();
        assertThat(admin.post("/desk/webhooks/" + hookId + "/disable", "_csrf=" + admin.csrf).statusCode()).isEqualTo(303);
        assertThat(site.app.parts().webhooks().endpoints()).isEmpty();
        HttpResponse<String> badHook = admin.post("/desk/webhooks", "_csrf=" + admin.csrf + "&url=ftp%3A%2F%2Fx&events=exploded");
        assertThat(badHook.statusCode()).isEqualTo(422);
        assertThat(badHook.body()).contains("Give the endpoint's full http(s):// address.", "Choose among corrected, published, unpublished, updated.");
    }
}
