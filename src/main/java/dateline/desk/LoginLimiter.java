package dateline.desk;

import dateline.platform.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Slows password guessing with delays that grow with each failure, instead of locking anyone out.
 *
 * <p>Each sign-in is recorded as a failure before the password is checked ({@link #attempt}), in one
 * transaction that also reads the earlier failures (on PostgreSQL under a lock per subject), so
 * concurrent guesses cannot all pass one check; a correct password then clears the account's
 * failures ({@link #succeeded}). Three subjects are limited, over a fifteen-minute window:
 * <ul>
 *   <li>an account from one address: five free tries, then 2, 4, 8 … seconds, up to fifteen minutes;</li>
 *   <li>an account from anywhere: ten free tries, then growing delays of at most a minute, so nobody can
 *       lock a known editor out, only slow guessing at their account to about one try a minute;</li>
 *   <li>an address: thirty free tries, then growing delays up to fifteen minutes. Behind a proxy the
 *       address is the reader's, taken from the forwarding headers of trusted proxies only.</li>
 * </ul>
 * Failures are kept in SQL, so the limits hold across every app node and across restarts.
 */
public final class LoginLimiter {
    static final Duration WINDOW = Duration.ofMinutes(15);

    /** One kind of subject: free tries in the window, then a delay doubling from one second up to {@code longest}. */
    record Policy(String prefix, int free, Duration longest) {
        Duration delayAfter(int failures) {
            if (failures < free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - free, 20);
            return Duration.ofSeconds(1L << doublings).compareTo(longest) > 0 ? longest : Duration.ofSeconds(1L << doublings);
        }
    }

    static final Policy PAIR = new Policy("pair:", 5, WINDOW);
    static final Policy ACCOUNT = new Policy("account:", 10, Duration.ofMinutes(1));
    static final Policy ADDRESS = new Policy("address:", 30, WINDOW);

    private final Database db;
    private final Clock clock;

    public LoginLimiter(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A sign-in attempt: how long it must wait (zero when its password may be checked), and when it was recorded. */
    public record Attempt(Duration delay, long at) {
        public boolean allowed() {
            return delay.isZero();
        }
    }

    /**
     * Records this sign-in as a failure unless it must wait: says how long to wait (nothing recorded
     * then), or that the password may be checked. A correct one is then cleared with {@link #succeeded}.
     */
    public Attempt attempt(String email, String address) {
        long now = clock.millis();
        Map<Policy, String> subjects = Map.of(PAIR, PAIR.prefix() + email + " " + address, ACCOUNT, ACCOUNT.prefix() + email,
                ADDRESS, ADDRESS.prefix() + address);
        return db.jdbi().inTransaction(h -> {
            List<String> ordered = subjects.values().stream().sorted().toList(); // one lock order, so two sign-ins never deadlock
            for (String subject : ordered) {
                db.lockKey(h, subject);
            }
            h.createUpdate("DELETE FROM login_failures WHERE at <= :old").bind("old", now - WINDOW.toMillis()).execute();
            Duration wait = Duration.ZERO;
            for (Map.Entry<Policy, String> subject : subjects.entrySet()) {
                Duration left = waitFor(h, subject.getKey(), subject.getValue(), now);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
            if (!wait.isZero()) {
                return new Attempt(wait, now);
            }
            var insert = h.prepareBatch("INSERT INTO login_failures (subject, at) VALUES (:key, :at)");
            for (String subject : ordered) {
                insert.bind("key", subject).bind("at", now).add();
            }
            insert.execute();
            return new Attempt(Duration.ZERO, now);
        });
    }

    private static Duration waitFor(Handle h, Policy policy, String subject, long now) {
        var row = h.createQuery("SELECT COUNT(*) AS failures, COALESCE(MAX(at), 0) AS last FROM login_failures WHERE subject = :key AND at > :since")
                .bind("key", subject).bind("since", now - WINDOW.toMillis()).mapToMap().one();
        int failures = ((Number) row.get("failures")).intValue();
        long last = ((Number) row.get("last")).longValue();
        long until = last + policy.delayAfter(failures).toMillis();
        return until > now ? Duration.ofMillis(until - now) : Duration.ZERO;
    }

    /**
     * A correct password clears the account's failures, and this attempt's from the address (not its
     * earlier ones: one address may guess at many accounts).
     */
    public void succeeded(String email, String address, Attempt attempt) {
        db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE subject IN (:account, :pair) OR (subject = :address AND at = :at)")
                .bind("account", ACCOUNT.prefix() + email).bind("pair", PAIR.prefix() + email + " " + address)
                .bind("address", ADDRESS.prefix() + address).bind("at", attempt.at()).execute());
    }
}
