package dateline.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Backups of the embedded database (SQLite): an online, consistent copy taken while the site runs
 * ({@code VACUUM INTO}: one read transaction, so writers carry on and the copy is one moment's state,
 * compacted), and a restore of such a copy into an empty database through SQLite's backup API. The
 * whole site is in the database (stories, images, accounts, the event log); the data folder holds
 * only what is derived from it (the search index, image renditions), which rebuilds itself.
 *
 * <p>PostgreSQL is backed up with its own tools (pg_dump, or continuous archiving); see
 * docs/OPERATIONS.md.
 */
public final class Backups {
    static final String POSTGRESQL = "On PostgreSQL, back up with pg_dump and restore with pg_restore (see docs/OPERATIONS.md): "
            + "they take a consistent snapshot while the nodes serve.";

    private Backups() {}

    /** Writes a consistent copy of the database to {@code file}, which must not exist yet. */
    public static void backup(Database db, Path file) throws IOException {
        if (db.dialect() != Database.Dialect.SQLITE) {
            throw new BadRequest(POSTGRESQL);
        }
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new BadRequest("The backup file " + file + " exists already: give a new name (nothing was written).");
        }
        Files.createDirectories(target.getParent());
        db.jdbi().useHandle(h -> h.execute("VACUUM INTO ?", target.toString()));
    }

    /**
     * Loads a backup made by {@link #backup} into this database, which must be empty (no story, no
     * event: a new data folder, or a new database file). Derived views rebuild themselves on the next
     * start, as the index notices it follows another state of the log.
     */
    public static void restore(Database db, Path file) throws IOException {
        if (db.dialect() != Database.Dialect.SQLITE) {
            throw new BadRequest(POSTGRESQL);
        }
        if (!Files.isRegularFile(file)) {
            throw new BadRequest("No backup file at " + file + ".");
        }
        if (file.toAbsolutePath().toString().contains("\"")) {
            throw new BadRequest("The backup's path " + file + " holds a double quote: move or rename it (nothing was changed).");
        }
        try (Connection backup = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath() + "?open_mode=1");
             Statement s = backup.createStatement();
             var tables = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('content_events', 'articles')")) {
            if (!tables.next() || tables.getInt(1) != 2) {
                throw new BadRequest("The file " + file + " is not a Dateline backup: it has no event log or stories (nothing was changed).");
            }
        } catch (SQLException e) {
            throw new BadRequest("The file " + file + " is not a SQLite database: " + e.getMessage() + " (nothing was changed).");
        }
        int stored = db.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM content_events) + (SELECT COUNT(*) FROM articles)")
                .mapTo(Integer.class).one());
        if (stored > 0) {
            throw new BadRequest("This database is not empty: restore into a new one (a new DATELINE_DATA folder or DATELINE_DB_URL); nothing was changed.");
        }
        db.jdbi().useHandle(h -> {
            try (Statement s = h.getConnection().createStatement()) {
                s.executeUpdate("restore from \"" + file.toAbsolutePath() + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException("The restore failed: " + e.getMessage(), e);
            }
        });
    }
}
