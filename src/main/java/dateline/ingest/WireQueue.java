package dateline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dateline.ingest.WireFormat.Refused;
import dateline.ingest.WireSources.Source;
import dateline.platform.Database;
import dateline.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The wire queue: every item received, with every version of it. An item is (source, guid). The same
 * version twice changes nothing; a higher version replaces the waiting copy (the old one stays in the
 * item's versions) and stories made from it follow or are flagged ({@link WireStories}); a lower or
 * equal version arriving late is ignored and counted. Formats without version numbers are versioned
 * here by content. A document is stored whole or not at all: it is read completely before anything is
 * written, and its items are written in one transaction.
 */
public final class WireQueue {
    /** What happened to one item of a document. */
    public enum Outcome { NEW, UPDATED, UNCHANGED, IGNORED }

    public record Stored(String id, String guid, int version, Outcome outcome) {}

    /** A named document read from a source (a file, a response, a push). */
    public record Document(String name, byte[] bytes) {}

    /** An item as the queue lists it and the item page shows it. */
    public record QueueItem(String id, String sourceId, String sourceName, String agency, String guid, int version, String format,
                            Instant receivedAt, Instant firstReceived, int ignored, WireItem item) {
        public boolean underEmbargo(Instant now) {
            return item.embargoUntil() != null && now.isBefore(item.embargoUntil());
        }
    }

    /** One version of an item as received. */
    public record Version(int version, Instant receivedAt, WireItem item) {}

    /** What the queue is narrowed to; null or blank fields do not narrow. */
    public record Filter(String sourceId, String agency, Integer urgencyAtMost, String subject, String language, Instant since, String text) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }
    }

    /** A page of the queue, newest first, and the cursor of the next (older) page, if any. */
    public record Page(List<QueueItem> items, String next) {}

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Database db;
    private final WireFormats formats;
    private final WireSources sources;
    private final Clock clock;
    private volatile WireStories stories;

    public WireQueue(Database db, WireFormats formats, WireSources sources, Clock clock) {
        this.db = db;
        this.formats = formats;
        this.sources = sources;
        this.clock = clock;
    }

    /** Where items that changed go next (stories made from them); set once when the parts are built. */
    void followWith(WireStories stories) {
        this.stories = stories;
    }

    /** Reads one document and stores its items; a refused one is recorded on the source and thrown. */
    public List<Stored> receive(Source source, Document document) throws Refused {
        List<WireItem> items = read(source, document);
        return store(source, List.of(items));
    }

    /**
     * Reads many documents, refusing the bad ones one by one (each recorded on the source), then stores
     * the items of every good one in a single transaction. Returns each document's refusal reason (null
     * when it was stored), in order.
     */
    public List<String> receiveAll(Source source, List<Document> documents) {
        List<String> reasons = new ArrayList<>();
        List<List<WireItem>> good = new ArrayList<>();
        for (Document d : documents) {
            try {
                good.add(read(source, d));
                reasons.add(null);
            } catch (Refused r) {
                reasons.add(r.getMessage());
            }
        }
        if (!good.isEmpty()) {
            store(source, good);
        }
        return reasons;
    }

    private List<WireItem> read(Source source, Document document) throws Refused {
        try {
            return formats.read(source.format(), document.bytes());
        } catch (Refused r) {
            sources.refused(source.id(), document.name(), r.getMessage());
            throw r;
        } catch (RuntimeException e) { // a reader's bug must not stop the source: the document is refused, the source goes on
            String reason = "could not be read (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            sources.refused(source.id(), document.name(), reason);
            throw new Refused(reason, e);
        }
    }

    private List<Stored> store(Source source, List<List<WireItem>> documents) {
        List<Stored> stored = db.jdbi().inTransaction(h -> {
            List<WireItem> all = documents.stream().flatMap(List::stream).toList();
            // Items the queue has never seen (the bulk of a busy wire) are inserted as one batch; the rest
            // (new versions, repeats) go one by one, as each depends on what is stored.
            java.util.Set<String> known = knownGuids(h, source.id(), all);
            java.util.Set<String> inThisBatch = new java.util.HashSet<>();
            NewItems fresh = new NewItems(h, source, clock.millis());
            List<Stored> out = new ArrayList<>();
            for (WireItem item : all) {
                if (!known.contains(item.guid()) && inThisBatch.add(item.guid())) {
                    out.add(fresh.add(item));
                } else {
                    fresh.flush(); // the one-by-one path reads what the batch wrote
                    out.add(store(h, source, item));
                }
            }
            fresh.flush();
            sources.countReceived(h, source.id(), all.size());
            return out;
        });
        WireStories follower = stories;
        if (follower != null) {
            for (Stored s : stored) {
                // a new item matters only to a wire-to-web source; a new version to the stories made from it
                if (s.outcome() == Outcome.UPDATED || s.outcome() == Outcome.NEW && source.autoPublish()) {
                    follower.follow(s.id(), source);
                }
            }
        }
        return stored;
    }

    private static final String INSERT_ITEM = """
            INSERT INTO wire_items (id, source_id, guid, version, content_hash, format, item_type, headline, slugline, byline, dateline,
                language, urgency, pub_status, embargo_until, version_created, first_created, document, search_text, subjects,
                first_received, received_at, ignored)
            VALUES (:id, :source, :guid, :version, :hash, :format, :type, :headline, :slugline, :byline, :dateline, :language,
                :urgency, :status, :embargo, :versionCreated, :firstCreated, :document, :search, :subjects, :now, :now, 0)""";
    private static final String INSERT_VERSION = "INSERT INTO wire_versions (item_id, version, received_at, document) VALUES (:id, :version, :now, :document)";

    /** The guids of these items the source already has in the queue. */
    private static java.util.Set<String> knownGuids(Handle h, String sourceId, List<WireItem> items) {
        java.util.Set<String> known = new java.util.HashSet<>();
        List<String> guids = items.stream().map(WireItem::guid).distinct().toList();
        for (int from = 0; from < guids.size(); from += 500) {
            known.addAll(h.createQuery("SELECT guid FROM wire_items WHERE source_id = :source AND guid IN (<guids>)").bind("source", sourceId)
                    .bindList("guids", guids.subList(from, Math.min(guids.size(), from + 500))).mapTo(String.class).list());
        }
        return known;
    }

    /**
     * New items and their first versions, written as two JDBC batches: a burst of thousands of items costs
     * two prepared statements, not two per item.
     */
    private static final class NewItems {
        private static final String ITEMS = """
                INSERT INTO wire_items (id, source_id, guid, version, content_hash, format, item_type, headline, slugline, byline, dateline,
                    language, urgency, pub_status, embargo_until, version_created, first_created, document, search_text, subjects,
                    first_received, received_at, ignored)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""";
        private static final String VERSIONS = "INSERT INTO wire_versions (item_id, version, received_at, document) VALUES (?, ?, ?, ?)";

        private final Handle h;
        private final Source source;
        private final long now;
        private java.sql.PreparedStatement items;
        private java.sql.PreparedStatement versions;

        NewItems(Handle h, Source source, long now) {
            this.h = h;
            this.source = source;
            this.now = now;
        }

        Stored add(WireItem item) {
            String document = json(item);
            String id = Ids.newId();
            int version = item.version() == null ? 1 : item.version();
            try {
                if (items == null) {
                    items = h.getConnection().prepareStatement(ITEMS);
                    versions = h.getConnection().prepareStatement(VERSIONS);
                }
                Map<String, Object> c = columns(item, version, contentHash(item, document), document);
                Object[] values = {id, source.id(), item.guid(), version, c.get("hash"), source.format(), c.get("type"), c.get("headline"),
                        c.get("slugline"), c.get("byline"), c.get("dateline"), c.get("language"), c.get("urgency"), c.get("status"), c.get("embargo"),
                        c.get("versionCreated"), c.get("firstCreated"), document, c.get("search"), c.get("subjects"), now, now};
                for (int i = 0; i < values.length; i++) {
                    items.setObject(i + 1, values[i]);
                }
                items.addBatch();
                versions.setString(1, id);
                versions.setInt(2, version);
                versions.setLong(3, now);
                versions.setString(4, document);
                versions.addBatch();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("could not queue a wire item: " + e.getMessage(), e);
            }
            return new Stored(id, item.guid(), version, Outcome.NEW);
        }

        void flush() {
            if (items != null) {
                try (var i = items; var v = versions) {
                    i.executeBatch();
                    v.executeBatch();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("could not queue wire items: " + e.getMessage(), e);
                } finally {
                    items = null;
                    versions = null;
                }
            }
        }
    }

    private Stored store(Handle h, Source source, WireItem item) {
        String document = json(item);
        String hash = contentHash(item, document);
        long now = clock.millis();
        var existing = h.createQuery("SELECT id, version, content_hash, version_created FROM wire_items WHERE source_id = :source AND guid = :guid")
                .bind("source", source.id()).bind("guid", item.guid())
                .map((rs, ctx) -> new Object[] {rs.getString("id"), rs.getInt("version"), rs.getString("content_hash"), WireSources.instant(rs, "version_created")})
                .findOne();
        if (existing.isEmpty()) {
            String id = Ids.newId();
            int version = item.version() == null ? 1 : item.version();
            h.createUpdate(INSERT_ITEM)
                    .bind("id", id).bind("source", source.id()).bind("guid", item.guid()).bind("format", source.format())
                    .bindMap(columns(item, version, hash, document)).bind("now", now).execute();
            addVersion(h, id, version, now, document);
            return new Stored(id, item.guid(), version, Outcome.NEW);
        }
        String id = (String) existing.get()[0];
        int was = (Integer) existing.get()[1];
        String wasHash = (String) existing.get()[2];
        Instant wasCreated = (Instant) existing.get()[3];
        int version;
        if (item.version() != null) {
            if (item.version() <= was) {
                return ignoredOrSame(h, id, was, item.version() == was && hash.equals(wasHash));
            }
            version = item.version();
        } else {
            if (hash.equals(wasHash)) {
                return new Stored(id, item.guid(), was, Outcome.UNCHANGED);
            }
            if (wasCreated != null && item.versionCreated() != null && item.versionCreated().isBefore(wasCreated)) {
                return ignoredOrSame(h, id, was, false);
            }
            version = was + 1;
        }
        h.createUpdate("""
                UPDATE wire_items SET version = :version, content_hash = :hash, item_type = :type, headline = :headline, slugline = :slugline,
                    byline = :byline, dateline = :dateline, language = :language, urgency = :urgency, pub_status = :status,
                    embargo_until = :embargo, version_created = :versionCreated, first_created = :firstCreated, document = :document,
                    search_text = :search, subjects = :subjects, received_at = :now
                WHERE id = :id""").bindMap(columns(item, version, hash, document)).bind("now", now).bind("id", id).execute();
        addVersion(h, id, version, now, document);
        return new Stored(id, item.guid(), version, Outcome.UPDATED);
    }

    /** What tells copies apart: the item without its warnings (the same copy read with other warnings is the same copy). */
    private static String contentHash(WireItem item, String document) {
        return WireText.sha256(item.warnings().isEmpty() ? document : json(item.withWarnings(List.of())));
    }

    private Stored ignoredOrSame(Handle h, String id, int current, boolean same) {
        if (!same) {
            h.createUpdate("UPDATE wire_items SET ignored = ignored + 1 WHERE id = :id").bind("id", id).execute();
        }
        String guid = h.createQuery("SELECT guid FROM wire_items WHERE id = :id").bind("id", id).mapTo(String.class).one();
        return new Stored(id, guid, current, same ? Outcome.UNCHANGED : Outcome.IGNORED);
    }

    private static Map<String, Object> columns(WireItem item, int version, String hash, String document) {
        java.util.Map<String, Object> m = new java.util.HashMap<>();
        m.put("version", version);
        m.put("hash", hash);
        m.put("type", item.type());
        m.put("headline", item.title());
        m.put("slugline", item.slugline());
        m.put("byline", item.byline());
        m.put("dateline", item.datelinePlace());
        m.put("language", item.language().length() > 35 ? item.language().substring(0, 35) : item.language());
        m.put("urgency", item.urgency());
        m.put("status", item.pubStatus().value());
        m.put("embargo", millis(item.embargoUntil()));
        m.put("versionCreated", millis(item.versionCreated()));
        m.put("firstCreated", millis(item.firstCreated()));
        m.put("document", document);
        m.put("search", searchText(item));
        m.put("subjects", "|" + String.join("|", item.subjects().stream().map(s -> (s.code() + " " + s.name()).toLowerCase(Locale.ROOT)).toList()) + "|");
        return m;
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static String searchText(WireItem item) {
        return String.join(" ", item.title(), item.slugline(), item.byline(), item.datelinePlace(), item.description(),
                WireText.plain(item.bodyHtml()), String.join(" ", item.keywords()),
                String.join(" ", item.subjects().stream().map(WireItem.Subject::label).toList())).toLowerCase(Locale.ROOT);
    }

    private static void addVersion(Handle h, String id, int version, long now, String document) {
        h.createUpdate(INSERT_VERSION)
                .bind("id", id).bind("version", version).bind("now", now).bind("document", document).execute();
    }

    // ---- reading the queue

    private static final String SELECT = """
            SELECT i.id, i.source_id, s.name AS source_name, s.agency, i.guid, i.version, i.format, i.received_at, i.first_received,
                i.ignored, i.document
            FROM wire_items i JOIN wire_sources s ON s.id = i.source_id
            """;

    /** A page of the queue, newest first; {@code after} is the cursor a previous page gave. */
    public Page list(Filter f, String after, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object[]> binds = new ArrayList<>();
        if (present(f.sourceId())) {
            where.append(" AND i.source_id = :source");
            binds.add(new Object[] {"source", f.sourceId()});
        }
        if (present(f.agency())) {
            where.append(" AND s.agency = :agency");
            binds.add(new Object[] {"agency", f.agency().strip()});
        }
        if (f.urgencyAtMost() != null) {
            where.append(" AND i.urgency IS NOT NULL AND i.urgency <= :urgency");
            binds.add(new Object[] {"urgency", f.urgencyAtMost()});
        }
        if (present(f.subject())) {
            where.append(" AND i.subjects LIKE :subject ESCAPE '!'");
            binds.add(new Object[] {"subject", "%" + like(f.subject().strip().toLowerCase(Locale.ROOT)) + "%"});
        }
        if (present(f.language())) {
            where.append(" AND (i.language = :language OR i.language LIKE :languagePrefix)");
            binds.add(new Object[] {"language", f.language().strip()});
            binds.add(new Object[] {"languagePrefix", f.language().strip() + "-%"});
        }
        if (f.since() != null) {
            where.append(" AND i.received_at >= :since");
            binds.add(new Object[] {"since", f.since().toEpochMilli()});
        }
        if (present(f.text())) {
            int n = 0;
            for (String word : f.text().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!word.isBlank() && n < 8) {
                    where.append(" AND i.search_text LIKE :w").append(n).append(" ESCAPE '!'");
                    binds.add(new Object[] {"w" + n, "%" + like(word) + "%"});
                    n++;
                }
            }
        }
        if (present(after) && after.matches("\\d+-[0-9a-z]+")) {
            where.append(" AND (i.received_at < :afterAt OR (i.received_at = :afterAt AND i.id < :afterId))");
            binds.add(new Object[] {"afterAt", Long.parseLong(after.substring(0, after.indexOf('-')))});
            binds.add(new Object[] {"afterId", after.substring(after.indexOf('-') + 1)});
        }
        List<QueueItem> items = db.jdbi().withHandle(h -> {
            Query q = h.createQuery(SELECT + where + " ORDER BY i.received_at DESC, i.id DESC LIMIT :limit").bind("limit", limit + 1);
            binds.forEach(b -> q.bind((String) b[0], b[1]));
            return q.map((rs, ctx) -> item(rs)).list();
        });
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            QueueItem last = items.get(limit - 1);
            next = last.receivedAt().toEpochMilli() + "-" + last.id();
        }
        return new Page(items, next);
    }

    /** How many items arrived (or changed) after this time: the desk's "new items" count. */
    public int countSince(Instant since) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wire_items WHERE received_at > :since")
                .bind("since", since.toEpochMilli()).mapTo(Integer.class).one());
    }

    public Optional<QueueItem> find(String id) {
        return db.jdbi().withHandle(h -> h.createQuery(SELECT + " WHERE i.id = :id").bind("id", id).map((rs, ctx) -> item(rs)).findOne());
    }

    public Optional<QueueItem> find(String sourceId, String guid) {
        return db.jdbi().withHandle(h -> h.createQuery(SELECT + " WHERE i.source_id = :source AND i.guid = :guid")
                .bind("source", sourceId).bind("guid", guid).map((rs, ctx) -> item(rs)).findOne());
    }

    /** Every version received of an item, oldest first. */
    public List<Version> versions(String itemId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT version, received_at, document FROM wire_versions WHERE item_id = :id ORDER BY version")
                .bind("id", itemId).map((rs, ctx) -> new Version(rs.getInt("version"), Instant.ofEpochMilli(rs.getLong("received_at")),
                        parse(rs.getString("document")))).list());
    }

    /** The agencies named by sources, for the queue's filter. */
    public List<String> agencies() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT agency FROM wire_sources ORDER BY agency").mapTo(String.class).list());
    }

    private static QueueItem item(ResultSet rs) throws SQLException {
        return new QueueItem(rs.getString("id"), rs.getString("source_id"), rs.getString("source_name"), rs.getString("agency"),
                rs.getString("guid"), rs.getInt("version"), rs.getString("format"), Instant.ofEpochMilli(rs.getLong("received_at")),
                Instant.ofEpochMilli(rs.getLong("first_received")), rs.getInt("ignored"), parse(rs.getString("document")));
    }

    static String json(WireItem item) {
        try {
            return JSON.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static WireItem parse(String json) {
        try {
            return JSON.readValue(json, WireItem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored wire item could not be read back", e);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String like(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    Instant now() {
        return clock.instant();
    }
}
