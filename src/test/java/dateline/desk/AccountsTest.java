package dateline.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.TestSite;
import dateline.platform.Conflict;
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

    @Test
    void two_admins_demoting_each_other_at_the_same_moment_always_leave_an_admin() throws Exception {
        try (TestSite site = TestSite.unstarted(database, tempDir)) {
            Accounts accounts = site.app.parts().accounts();
            for (int round = 0; round < 15; round++) {
                User ann = accounts.create("ann" + round + "@example.org", "Ann", Role.ADMIN, "a long enough password", "test");
                User ben = accounts.create("ben" + round + "@example.org", "Ben", Role.ADMIN, "a long enough password", "test");
                for (Accounts.Account other : accounts.accounts()) { // only these two are admins this round
                    if (other.user().role() == Role.ADMIN && !other.user().id().equals(ann.id()) && !other.user().id().equals(ben.id())) {
                        accounts.changeRole(other.user().id(), Role.EDITOR, "test");
                    }
                }
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    var one = pool.submit(() -> { together.await(); accounts.changeRole(ann.id(), Role.EDITOR, ben.email()); return null; });
                    var two = pool.submit(() -> { together.await(); accounts.changeRole(ben.id(), Role.EDITOR, ann.email()); return null; });
                    int refused = 0;
                    for (var f : java.util.List.of(one, two)) {
                        try {
                            f.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            assertThat(e.getCause()).isInstanceOf(Conflict.class);
                            refused++;
                        }
                    }
                    assertThat(refused).as("round " + round).isEqualTo(1);
                } finally {
                    pool.shutdown();
                }
                long admins = accounts.accounts().stream().filter(a -> a.user().role() == Role.ADMIN && !a.disabled()).count();
                assertThat(admins).as("round " + round).isEqualTo(1);
            }
        }
    }
}
