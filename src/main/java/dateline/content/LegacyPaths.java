package dateline.content;

import dateline.platform.Database;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Addresses of a site Dateline replaced (a WordPress permalink, a category archive) and what now lives
 * there. Paths are kept without a trailing slash, so {@code /tag/x/} and {@code /tag/x} are one.
 */
public final class LegacyPaths {
    /** What an old address points to now. */
    public enum Kind { STORY, SECTION, TAG, PAGE }

    public record Target(Kind kind, String id) {}

    /** An old address and what it points at, to be written. */
    record Path(String pathAndQuery, Kind kind, String id) {}

    private final Database db;

    public LegacyPaths(Database db) {
        this.db = db;
    }

    /** The normal form of a path (and query, for {@code /?p=12}): no trailing slash except the root's. */
    public static String normal(String pathAndQuery) {
        String p = pathAndQuery.strip();
        int q = p.indexOf('?');
        String path = q < 0 ? p : p.substring(0, q);
        if (path.contains("%")) { // a request's encoded form and an export's decoded one are the same address
            try {
                path = java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // not valid percent-encoding: kept as it came
            }
        }
        String query = q < 0 ? "" : p.substring(q);
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return (path.isEmpty() ? "/" : path) + query;
    }

    public Optional<Target> target(String pathAndQuery) {
        String key = normal(pathAndQuery);
        if (key.length() > 1000) {
            return Optional.empty();
        }
        return db.jdbi().withHandle(h -> h.createQuery("SELECT kind, target_id FROM legacy_paths WHERE path = :path").bind("path", key)
                .map((rs, ctx) -> new Target(Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("target_id"))).findOne());
    }

    /** Points an old address at a story, section or tag (replacing what it pointed at). */
    static void put(Handle h, String pathAndQuery, Kind kind, String id) {
        putAll(h, java.util.List.of(new Path(pathAndQuery, kind, id)));
    }

    /** Points several old addresses at what lives there now, with one JDBC batch (the last of one address wins). */
    static void putAll(Handle h, java.util.List<Path> paths) {
        java.util.Map<String, Path> byKey = new java.util.LinkedHashMap<>();
        for (Path p : paths) {
            String key = normal(p.pathAndQuery());
            if (key.length() <= 1000 && !key.equals("/")) { // the old home page is the new home page
                byKey.put(key, p);
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        var upsert = h.prepareBatch("INSERT INTO legacy_paths (path, kind, target_id) VALUES (:path, :kind, :id) "
                + "ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, target_id = excluded.target_id");
        byKey.forEach((key, p) -> upsert.bind("path", key).bind("kind", p.kind().name().toLowerCase(Locale.ROOT)).bind("id", p.id()).add());
        upsert.execute();
    }
}
