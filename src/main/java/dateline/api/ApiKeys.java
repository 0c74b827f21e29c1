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
    public record Key(String id, String name, Instant createdAt, Instant revokedAt, String scope) {}

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The scope of keys that read the content API. */
    public static final String CONTENT = "content";

    /** The scope of a key that pushes copy to the wire source {@code sourceId} (and can do nothing else). */
    public static String ingestScope(String sourceId) {
        return "ingest:" + sourceId;
    }

    /** Makes a key for the content API and returns it in full; this is the only time it can be read. */
    public String create(String name) {
        return create(name, CONTENT);
    }

    /** Makes a key with a scope ({@link #CONTENT}, {@link #ingestScope}) and returns it in full, this once. */
    public String create(String name, String scope) {
        if (name == null || name.isBlank()) {
            throw new ValidationFailed(new ValidationErrors().add("name", "Name the app or partner the key is for."));
        }
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = "dl_" + HexFormat.of().formatHex(secret);
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO api_keys (id, name, key_hash, created_at, scope) VALUES (:id, :name, :hash, :at, :scope)")
                .bind("id", Ids.newId()).bind("name", name.strip()).bind("hash", hash(key)).bind("at", clock.millis()).bind("scope", scope).execute());
        return key;
    }

    /**
     * The key a request presents: {@code Authorization: Bearer <key>}, else {@code X-Api-Key}; null when
     * it presents none.
     */
    public static String presented(String authorization, String apiKeyHeader) {
        String key = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : apiKeyHeader;
        return key == null || key.isBlank() ? null : key;
    }

    /** Whether the key reads the content API (an ingest key does not). */
    public boolean isValid(String key) {
        return isValid(key, CONTENT);
    }

    /** Whether the key is in use and has this scope. */
    public boolean isValid(String key, String scope) {
        if (key == null || !key.startsWith("dl_")) {
            return false;
        }
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL AND scope = :scope")
                .bind("hash", hash(key)).bind("scope", scope).mapTo(Integer.class).one()) > 0;
    }

    public List<Key> list() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, name, created_at, revoked_at, scope FROM api_keys ORDER BY created_at, id")
                .map((rs, ctx) -> {
                    long revoked = rs.getLong("revoked_at");
                    return new Key(rs.getString("id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at")),
                            rs.wasNull() ? null : Instant.ofEpochMilli(revoked), rs.getString("scope"));
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
