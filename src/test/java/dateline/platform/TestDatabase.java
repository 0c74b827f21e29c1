package dateline.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The two real databases every storage test runs on. Each call to {@link #freshUrl} gives a new
 * database with the schema migrated and nothing in it.
 *
 * <p>The schema is migrated once per test run into a template, then copied for each test: a copied
 * SQLite file, or {@code CREATE DATABASE … TEMPLATE} on PostgreSQL (Flyway then finds it up to date).
 *
 * <p>PostgreSQL is taken from {@code DATELINE_TEST_PG_URL} (default: the local server, database
 * {@code test}, user {@code postgres}). Without it a test is skipped, except under CI ({@code CI=true}),
 * where an unreachable PostgreSQL fails the run. The databases a run made are dropped when it ends.
 */
public enum TestDatabase {
    SQLITE, POSTGRESQL;

    private static final String PG_URL = System.getenv().getOrDefault("DATELINE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("DATELINE_TEST_PG_USER", "postgres");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + ProcessHandle.current().pid();
    private static final String PG_TEMPLATE = "dl_" + RUN + "_template";
    private static Path sqliteTemplate;
    private static boolean pgTemplateMade;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropPostgresDatabases, "drop-test-databases"));
        Thread leftovers = new Thread(TestDatabase::dropLeftovers, "drop-old-test-databases");
        leftovers.setDaemon(true);
        leftovers.start();
    }

    public static List<TestDatabase> all() {
        return List.of(values());
    }

    /** A JDBC URL of a new database of this kind, migrated and empty. */
    public String freshUrl(Path tempDir) {
        if (this == SQLITE) {
            Path file = tempDir.resolve("test-" + COUNTER.incrementAndGet() + ".db");
            try {
                Files.createDirectories(tempDir);
                Files.copy(sqliteTemplate(), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "jdbc:sqlite:" + file;
        }
        String name = "dl_" + RUN + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            makePostgresTemplate(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + " TEMPLATE " + PG_TEMPLATE);
            }
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required under CI but unreachable at " + PG_URL, e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
        return urlOf(name);
    }

    private static synchronized Path sqliteTemplate() throws IOException {
        if (sqliteTemplate == null) {
            Path dir = Files.createTempDirectory("dateline-schema");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("template.db");
            Database.open("jdbc:sqlite:" + file, null, null).close(); // migrates; closing the last connection folds the WAL in
            file.toFile().deleteOnExit();
            sqliteTemplate = file;
        }
        return sqliteTemplate;
    }

    private static synchronized void makePostgresTemplate(Connection c) throws SQLException {
        if (!pgTemplateMade) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + PG_TEMPLATE);
            }
            Database.open(urlOf(PG_TEMPLATE), PG_USER, "").close(); // no connection may stay open on a template being copied
            pgTemplateMade = true;
        }
    }

    /** The URL of a database on the test server (its name replaces the one in the configured URL). */
    private static String urlOf(String database) {
        int slash = PG_URL.indexOf('/', "jdbc:postgresql://".length());
        int query = PG_URL.indexOf('?');
        return PG_URL.substring(0, slash + 1) + database + (query < 0 ? "" : PG_URL.substring(query));
    }

    public String user() {
        return this == POSTGRESQL ? PG_USER : null;
    }

    /** A configuration for a test site on this database: random port, no demo content, cheap password hashes. */
    public Config config(Path tempDir) {
        return config(tempDir, Map.of());
    }

    /** The same, with more settings. */
    public Config config(Path tempDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATELINE_PORT", "0",
                "DATELINE_DATA", tempDir.toString(),
                "DATELINE_DB_URL", freshUrl(tempDir),
                "DATELINE_DB_USER", this == POSTGRESQL ? PG_USER : "",
                "DATELINE_DEMO", "false",
                "DATELINE_SITE_URL", "https://news.example.org",
                "DATELINE_PASSWORD_COST", "4",
                "DATELINE_WEBHOOKS_PRIVATE", "true")); // test receivers listen on this machine
        env.putAll(extra);
        return Config.fromEnv(env);
    }

    /**
     * Drops the databases this test run made in PostgreSQL, eight at a time (each drop waits for a
     * checkpoint) and within 20 seconds, the template last. Whatever is left (a run that was killed)
     * is dropped by the next run: see {@link #dropLeftovers}.
     */
    static void dropPostgresDatabases() {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             var rs = c.createStatement().executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'dl\\_" + RUN + "\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return; // nothing was made, or the server went away first
        }
        names.remove(PG_TEMPLATE);
        drop(names);
        drop(List.of(PG_TEMPLATE));
    }

    private static void drop(List<String> names) {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (String name : names) {
            pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    // left for the next run
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops test databases of earlier runs that nobody is connected to (a killed run leaves its own). */
    static void dropLeftovers() {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             var rs = c.createStatement().executeQuery("SELECT datname FROM pg_database d WHERE datname LIKE 'dl\\_%' AND datname NOT LIKE 'dl\\_"
                     + RUN + "\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname) "
                     + "AND (pg_stat_file('base/' || d.oid || '/PG_VERSION', true)).modification < now() - interval '1 hour'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return;
        }
        drop(names);
    }
}
