package dateline.api;

import dateline.platform.ValidationFailed;
import dateline.platform.ValidationErrors;
import dateline.platform.Database;
import dateline.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Keys for the content API. A key is shown once, when made; only its SHA-256 hash is stored, so a
 * stolen database does not give working keys. Revoked keys stop working at once on every node.
 */
public final class ApiKeys {
    /** A key as listed to an admin: never the key itself. */
    public record Key(String id, String name, Instant createdAt, Instant revokedAt) {}

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Makes a key and returns it in full; this is the only time it can be read. */
    public String create(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationFailed(new ValidationErrors().add("name", "Name the app or partner the key is for."));
        }
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = "dl_" + HexFormat.of().formatHex(secret);
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (:id, :name, :hash, :at)")
                .bind("id", Ids.newId()).bind("name", name.strip()).bind("hash", hash(key)).bind("at", clock.millis()).execute());
        return key;
    }

    public boolean isValid(String key) {
        if (key == null || !key.startsWith("dl_")) {
            return false;
        }
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash(key)).mapTo(Integer.class).one()) > 0;
    }

    public List<Key> list() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id")
                .map((rs, ctx) -> {
                    long revoked = rs.getLong("revoked_at");
                    return new Key(rs.getString("id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at")),
                            rs.wasNull() ? null : Instant.ofEpochMilli(revoked));
                }).list());
    }

    /** Revokes a key by id; returns whether there was such a key still in use. */
    public boolean revoke(String id) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("at", clock.millis()).bind("id", id).execute()) == 1;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
