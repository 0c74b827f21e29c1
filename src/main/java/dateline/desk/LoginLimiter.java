package dateline.desk;

import dateline.platform.Database;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows password guessing: after five failed sign-ins for one account, or twenty from one address,
 * within fifteen minutes, further tries are refused until the window passes. Failures are kept in
 * SQL, so the limits hold across every app node and across restarts.
 */
public final class LoginLimiter {
    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Database db;
    private final Clock clock;

    public LoginLimiter(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public boolean allowed(String email, String address) {
        long since = clock.millis() - WINDOW.toMillis();
        return db.jdbi().withHandle(h -> {
            var count = h.createQuery("SELECT COUNT(*) FROM login_failures WHERE subject = :key AND at > :since").bind("since", since);
            return count.bind("key", "account:" + email).mapTo(Integer.class).one() < PER_ACCOUNT
                    && count.bind("key", "address:" + address).mapTo(Integer.class).one() < PER_ADDRESS;
        });
    }

    public void failed(String email, String address) {
        long now = clock.millis();
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM login_failures WHERE at <= :old").bind("old", now - WINDOW.toMillis()).execute();
            var insert = h.prepareBatch("INSERT INTO login_failures (subject, at) VALUES (:key, :at)");
            insert.bind("key", "account:" + email).bind("at", now).add();
            insert.bind("key", "address:" + address).bind("at", now).add();
            insert.execute();
        });
    }

    /** A correct password clears the account's failures (not the address's: one address may guess at many accounts). */
    public void succeeded(String email) {
        db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE subject = :key").bind("key", "account:" + email).execute());
    }
}
