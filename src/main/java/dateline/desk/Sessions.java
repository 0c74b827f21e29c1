package dateline.desk;

import dateline.platform.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Desk sessions, stored in SQL so any node can serve them. The cookie carries a random token; the
 * table keeps only its SHA-256. Each session has its own CSRF token, and expires after twelve hours.
 */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofHours(12);

    /** A signed-in user and the CSRF token their forms must send back. */
    public record Session(User user, String csrfToken) {}

    private final Database db;
    private final Accounts accounts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sessions(Database db, Accounts accounts, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Starts a session and returns its token, for the cookie. */
    public String start(User user) {
        String token = randomToken();
        String csrf = randomToken();
        long now = clock.millis();
        db.jdbi().useHandle(h -> {
            h.createUpdate("DELETE FROM sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (:t, :u, :c, :now, :exp)")
                    .bind("t", hash(token)).bind("u", user.id()).bind("c", csrf).bind("now", now).bind("exp", now + LIFETIME.toMillis()).execute();
        });
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        var row = db.jdbi().withHandle(h -> h.createQuery("SELECT user_id, csrf_token FROM sessions WHERE token_hash = :t AND expires_at > :now")
                .bind("t", hash(token)).bind("now", clock.millis()).mapToMap().findOne());
        return row.flatMap(r -> accounts.byId((String) r.get("user_id")).map(u -> new Session(u, (String) r.get("csrf_token"))));
    }

    public void end(String token) {
        if (token != null) {
            db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :t").bind("t", hash(token)).execute());
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
