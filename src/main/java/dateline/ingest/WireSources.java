package dateline.ingest;

import dateline.content.Section;
import dateline.content.TaxonomyRepository;
import dateline.platform.Database;
import dateline.platform.Ids;
import dateline.platform.ValidationErrors;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Where agency copy comes from: HTTP(S) addresses polled, folders watched, and push endpoints. Admins
 * add and switch them in the desk or on the command line; the poller records each poll's outcome
 * here (a failing source backs off, and shows its last error and its last refused items).
 */
public final class WireSources {
    /** How a source's copy arrives. */
    public enum Kind {
        HTTP, FOLDER, PUSH;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.value().equals(s == null ? "" : s.strip().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            return null;
        }
    }

    public record Source(String id, String name, Kind kind, String url, String path, int everySeconds, String header, String format,
                         String agency, String sectionId, boolean autoPublish, boolean enabled, Instant createdAt, Instant nextPollAt,
                         int failures, String lastError, Instant lastErrorAt, Instant lastSuccessAt, String etag, String lastModified,
                         long received, long refused) {
        /** What an admin reads in a list: on, off, or failing. */
        public String state() {
            return !enabled ? "disabled" : failures > 0 ? "failing" : "enabled";
        }
    }

    /** What an admin asks for when adding a source; blank fields take their defaults. */
    public record NewSource(String name, String kind, String url, String path, Integer everySeconds, String header, String format,
                            String agency, String sectionSlug, boolean autoPublish) {}

    /** A document refused from a source: when, what it was called, and why. */
    public record Refusal(Instant at, String name, String reason) {}

    public static final int DEFAULT_EVERY_SECONDS = 60;
    static final int KEEP_REFUSALS = 100;
    private static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

    private final Database db;
    private final TaxonomyRepository taxonomy;
    private final WireFormats formats;
    private final Clock clock;

    public WireSources(Database db, TaxonomyRepository taxonomy, WireFormats formats, Clock clock) {
        this.db = db;
        this.taxonomy = taxonomy;
        this.formats = formats;
        this.clock = clock;
    }

    /** Adds a source, or refuses with every problem named (nothing is stored then). */
    public Source add(NewSource n) {
        ValidationErrors errors = new ValidationErrors();
        String name = n.name() == null ? "" : n.name().strip();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            errors.add("name", "Name the source with lowercase letters, digits and hyphens (for example \"ap-world\"); it becomes part of its address.");
        } else if (byName(name).isPresent()) {
            errors.add("name", "There is already a source called \"" + name + "\".");
        }
        Kind kind = Kind.parse(n.kind());
        String url = blank(n.url());
        String path = blank(n.path());
        if (kind == null) {
            errors.add("kind", "Choose how copy arrives: http, folder or push.");
        } else if (kind == Kind.HTTP) {
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                errors.add("url", "Give the http:// or https:// address to poll.");
            } else {
                try {
                    URI.create(url).toURL();
                } catch (IllegalArgumentException | java.net.MalformedURLException e) {
                    errors.add("url", "\"" + url + "\" is not an address: " + e.getMessage());
                }
            }
        } else if (kind == Kind.FOLDER && (path == null || !Files.isDirectory(Path.of(path)))) {
            errors.add("path", path == null ? "Give the folder to watch." : "There is no folder " + path + " on this machine.");
        }
        int every = n.everySeconds() == null ? DEFAULT_EVERY_SECONDS : n.everySeconds();
        if (every < 1 || every > 86_400) {
            errors.add("everySeconds", "Poll every 1 to 86,400 seconds.");
        }
        String header = blank(n.header());
        if (header != null && !header.matches("[A-Za-z0-9-]+:\\s*\\S.*")) {
            errors.add("header", "Write the header as \"Name: value\", for example \"Authorization: Bearer …\".");
        }
        String format = n.format() == null || n.format().isBlank() ? WireFormats.AUTO : n.format().strip().toLowerCase(Locale.ROOT);
        if (!formats.knows(format)) {
            errors.add("format", "Choose a format: " + String.join(", ", formats.names()) + ".");
        }
        String agency = n.agency() == null || n.agency().isBlank() ? name : n.agency().strip();
        if (agency.length() > 200) {
            errors.add("agency", "The agency's name is at most 200 characters.");
        }
        String sectionId = null;
        if (n.sectionSlug() != null && !n.sectionSlug().isBlank()) {
            Optional<Section> section = taxonomy.sectionBySlug(n.sectionSlug().strip());
            if (section.isEmpty()) {
                errors.add("section", "There is no section \"" + n.sectionSlug().strip() + "\".");
            } else {
                sectionId = section.get().id();
            }
        }
        errors.throwIfAny();
        String id = Ids.newId();
        long now = clock.millis();
        String section = sectionId;
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO wire_sources (id, name, kind, url, path, every_seconds, header, format, agency, section_id, auto_publish,
                    enabled, created_at, next_poll_at, failures, received, refused)
                VALUES (:id, :name, :kind, :url, :path, :every, :header, :format, :agency, :section, :auto, 1, :now, :now, 0, 0, 0)""")
                .bind("id", id).bind("name", name).bind("kind", kind.value()).bind("url", url).bind("path", path).bind("every", every)
                .bind("header", header).bind("format", format).bind("agency", agency).bind("section", section)
                .bind("auto", n.autoPublish() ? 1 : 0).bind("now", now).execute());
        return byId(id).orElseThrow();
    }

    public List<Source> list() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM wire_sources ORDER BY name").map((rs, ctx) -> source(rs)).list());
    }

    public Optional<Source> byName(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM wire_sources WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> source(rs)).findOne());
    }

    public Optional<Source> byId(String id) {
        return db.jdbi().withHandle(h -> byId(h, id));
    }

    Optional<Source> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM wire_sources WHERE id = :id").bind("id", id).map((rs, ctx) -> source(rs)).findOne();
    }

    /** Switches a source on or off; returns whether there was such a source. */
    public boolean setEnabled(String name, boolean enabled) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE wire_sources SET enabled = :on, failures = 0, next_poll_at = :now WHERE name = :name")
                .bind("on", enabled ? 1 : 0).bind("now", clock.millis()).bind("name", name).execute()) == 1;
    }

    /** The enabled polled sources (HTTP and folder) whose time has come. */
    List<Source> due() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM wire_sources WHERE enabled = 1 AND kind <> 'push' AND next_poll_at <= :now ORDER BY next_poll_at")
                .bind("now", clock.millis()).map((rs, ctx) -> source(rs)).list());
    }

    /**
     * Takes a due source for this node: moves its next poll time on only if no other node did first,
     * so with several nodes on one database each poll runs on exactly one of them.
     */
    boolean claim(Source s, Duration lease) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE wire_sources SET next_poll_at = :lease WHERE id = :id AND next_poll_at = :seen")
                .bind("lease", clock.millis() + lease.toMillis()).bind("id", s.id()).bind("seen", s.nextPollAt().toEpochMilli()).execute()) == 1;
    }

    /** A poll that worked: the next one in the source's interval, the failure count cleared. */
    void succeeded(Source s, String etag, String lastModified) {
        long now = clock.millis();
        db.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE wire_sources SET failures = 0, last_success_at = :now, next_poll_at = :next, etag = :etag, last_modified = :modified
                WHERE id = :id""").bind("now", now).bind("next", now + s.everySeconds() * 1000L).bind("etag", etag)
                .bind("modified", lastModified).bind("id", s.id()).execute());
    }

    /** A poll that failed: the error kept, and the next poll put off twice as long each time (at most an hour). */
    Duration failed(Source s, String error) {
        long now = clock.millis();
        int failures = s.failures() + 1;
        long backoff = Math.min(LONGEST_BACKOFF.toMillis(), s.everySeconds() * 1000L * (1L << Math.min(failures, 20)));
        db.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE wire_sources SET failures = :failures, last_error = :error, last_error_at = :now, next_poll_at = :next WHERE id = :id""")
                .bind("failures", failures).bind("error", WireText.shorten(error == null ? "unknown error" : error))
                .bind("now", now).bind("next", now + backoff).bind("id", s.id()).execute());
        return Duration.ofMillis(backoff);
    }

    /** Counts an accepted document. */
    void countReceived(Handle h, String sourceId, int items) {
        h.createUpdate("UPDATE wire_sources SET received = received + :n WHERE id = :id").bind("n", items).bind("id", sourceId).execute();
    }

    /** Records a refused document (the last {@value #KEEP_REFUSALS} are kept per source). */
    void refused(String sourceId, String name, String reason) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("INSERT INTO wire_refusals (source_id, at, name, reason) VALUES (:id, :at, :name, :reason)")
                    .bind("id", sourceId).bind("at", clock.millis()).bind("name", name == null ? "" : name).bind("reason", reason).execute();
            h.createUpdate("UPDATE wire_sources SET refused = refused + 1 WHERE id = :id").bind("id", sourceId).execute();
            h.createUpdate("""
                    DELETE FROM wire_refusals WHERE source_id = :id AND id NOT IN
                        (SELECT id FROM wire_refusals WHERE source_id = :id ORDER BY id DESC LIMIT :keep)""")
                    .bind("id", sourceId).bind("keep", KEEP_REFUSALS).execute();
        });
    }

    public List<Refusal> refusals(String sourceId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT at, name, reason FROM wire_refusals WHERE source_id = :id ORDER BY id DESC")
                .bind("id", sourceId).map((rs, ctx) -> new Refusal(Instant.ofEpochMilli(rs.getLong("at")), rs.getString("name"), rs.getString("reason")))
                .list());
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(rs.getString("id"), rs.getString("name"), Kind.parse(rs.getString("kind")), rs.getString("url"), rs.getString("path"),
                rs.getInt("every_seconds"), rs.getString("header"), rs.getString("format"), rs.getString("agency"), rs.getString("section_id"),
                rs.getInt("auto_publish") == 1, rs.getInt("enabled") == 1, instant(rs, "created_at"), instant(rs, "next_poll_at"),
                rs.getInt("failures"), rs.getString("last_error"), instant(rs, "last_error_at"), instant(rs, "last_success_at"),
                rs.getString("etag"), rs.getString("last_modified"), rs.getLong("received"), rs.getLong("refused"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
