package dateline.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.TestSite;
import dateline.platform.TestDatabase;
import dateline.platform.ValidationFailed;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    @Test
    void an_account_signs_in_with_its_password_only_and_the_password_is_stored_hashed() {
        try (TestSite site = TestSite.unstarted(database, tempDir)) {
            Accounts accounts = site.app.parts().accounts();
            User made = accounts.create("Reporter@Example.org", "Rita Reporter", Role.CONTRIBUTOR, "a long enough password", "test");

            assertThat(accounts.authenticate("reporter@example.org", "a long enough password")).contains(made);
            assertThat(accounts.authenticate("reporter@example.org", "a wrong password")).isEmpty();
            assertThat(accounts.authenticate("nobody@example.org", "a long enough password")).isEmpty();
            String stored = site.app.database().jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users").mapTo(String.class).one());
            assertThat(stored).startsWith("$2a$").doesNotContain("long enough");
        }
    }

    @Test
    void a_bad_account_names_every_problem_and_a_second_account_with_the_same_email_is_refused() {
        try (TestSite site = TestSite.unstarted(database, tempDir)) {
            Accounts accounts = site.app.parts().accounts();
            accounts.create("editor@example.org", "Eddie", Role.EDITOR, "a long enough password", "test");

            assertThatThrownBy(() -> accounts.create("not-an-email", " ", null, "short", "test"))
                    .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors().asMap()).containsOnlyKeys("email", "name", "role", "password"));
            assertThatThrownBy(() -> accounts.create("EDITOR@example.org", "Other", Role.ADMIN, "a long enough password", "test"))
                    .isInstanceOf(ValidationFailed.class).hasMessageContaining("already an account");
            assertThat(accounts.all()).hasSize(1);
        }
    }
}
