package dateline.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The two real databases every storage test runs on. Each call to {@link #freshUrl} gives an empty
 * database: a new SQLite file, or a new schema in the local PostgreSQL.
 *
 * <p>PostgreSQL is taken from {@code DATELINE_TEST_PG_URL} (default: the local server, database
 * {@code test}, user {@code postgres}). Without it a test is skipped, except under CI ({@code CI=true}),
 * where an unreachable PostgreSQL fails the run.
 */
public enum TestDatabase {
    SQLITE, POSTGRESQL;

    private static final String PG_URL = System.getenv().getOrDefault("DATELINE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("DATELINE_TEST_PG_USER", "postgres");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    static {
        // Each test's PostgreSQL schema is dropped once the test JVM ends, whatever the test class.
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropPostgresSchemas, "drop-test-schemas"));
    }

    public static List<TestDatabase> all() {
        return List.of(values());
    }

    /** A JDBC URL of a new, empty database of this kind. */
    public String freshUrl(Path tempDir) {
        if (this == SQLITE) {
            return "jdbc:sqlite:" + tempDir.resolve("test-" + COUNTER.incrementAndGet() + ".db");
        }
        String schema = "dl_" + RUN + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required under CI but unreachable at " + PG_URL, e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String user() {
        return this == POSTGRESQL ? PG_USER : null;
    }

    /** A configuration for a test site on this database: random port, no demo content. */
    public Config config(Path tempDir) {
        return config(tempDir, Map.of());
    }

    /** The same, with more settings. */
    public Config config(Path tempDir, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "DATELINE_PORT", "0",
                "DATELINE_DATA", tempDir.toString(),
                "DATELINE_DB_URL", freshUrl(tempDir),
                "DATELINE_DB_USER", this == POSTGRESQL ? PG_USER : "",
                "DATELINE_DEMO", "false",
                "DATELINE_SITE_URL", "https://news.example.org"));
        env.putAll(extra);
        return Config.fromEnv(env);
    }

    /** Drops the schemas this test run made in PostgreSQL. */
    static void dropPostgresSchemas() {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            var rs = c.createStatement().executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'dl\\_" + RUN + "\\_%'");
            List<String> schemas = new java.util.ArrayList<>();
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
            for (String schema : schemas) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            // nothing was created
        }
    }
}
