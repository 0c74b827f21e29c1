package dateline.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.platform.Database;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for revisions: one row per saved state of a story, with a JSON snapshot of its editable
 * fields. This class owns the snapshot's format; {@link ContentService} writes revisions, the desk
 * reads them (history, diffs, restore, audit log).
 */
public final class RevisionRepository {
    /** One saved state of a story, without its snapshot. */
    public record RevisionEntry(int version, Instant at, String actor, String action, String note) {}

    /** One entry of the desk's audit log: who did what to which story, when. */
    public record AuditEntry(Instant at, String actor, String action, String articleId, String headline, int version, String note) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public RevisionRepository(Database db) {
        this.db = db;
    }

    /** Stores the revision of a story's new state, inside the writer's transaction. */
    void insert(Handle h, Article after, String actor, String action, String note) {
        h.createUpdate("INSERT INTO revisions (article_id, version, created_at, actor, action, note, snapshot) "
                        + "VALUES (:article, :version, :at, :actor, :action, :note, :snapshot)")
                .bind("article", after.id()).bind("version", after.version()).bind("at", after.modifiedAt().toEpochMilli())
                .bind("actor", actor).bind("action", action).bind("note", note == null ? "" : note).bind("snapshot", snapshot(after)).execute();
    }

    /** Stores the revisions of several stories' new states with one JDBC batch, inside the writer's transaction. */
    void insertAll(Handle h, List<Article> states, String actor, String action) {
        var batch = h.prepareBatch("INSERT INTO revisions (article_id, version, created_at, actor, action, note, snapshot) "
                + "VALUES (:article, :version, :at, :actor, :action, '', :snapshot)");
        for (Article a : states) {
            batch.bind("article", a.id()).bind("version", a.version()).bind("at", a.modifiedAt().toEpochMilli())
                    .bind("actor", actor).bind("action", action).bind("snapshot", snapshot(a)).add();
        }
        ArticleWrites.execute(batch);
    }

    static String snapshot(Article a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("slug", a.slug());
        s.put("headline", a.headline());
        s.put("standfirst", a.standfirst());
        s.put("bodyHtml", a.bodyHtml());
        s.put("datelinePlace", a.datelinePlace());
        s.put("sectionId", a.section().id());
        s.put("authorIds", a.authors().stream().map(Author::id).toList());
        s.put("tags", a.tags().stream().map(Tag::name).toList());
        s.put("leadImageId", a.leadImage() == null ? null : a.leadImage().id());
        s.put("language", a.language());
        s.put("source", a.source());
        s.put("status", a.status().dbValue());
        s.put("corrections", a.corrections().stream().map(Correction::note).toList());
        s.put("relatedIds", a.relatedIds());
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A story's revisions, newest first. */
    public List<RevisionEntry> list(String articleId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT version, created_at, actor, action, note FROM revisions WHERE article_id = :id ORDER BY version DESC")
                .bind("id", articleId).map(ENTRY).list());
    }

    /**
     * The story's last workflow step (sent for review, sent back, scheduled, published, unpublished),
     * if it has taken one: the desk shows a writer why their story came back.
     */
    public Optional<RevisionEntry> lastStep(String articleId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT version, created_at, actor, action, note FROM revisions WHERE article_id = :id "
                        + "AND action IN ('submit', 'withdraw', 'return', 'schedule', 'publish', 'unpublish') ORDER BY version DESC LIMIT 1")
                .bind("id", articleId).map(ENTRY).findOne());
    }

    private static final org.jdbi.v3.core.mapper.RowMapper<RevisionEntry> ENTRY = (rs, ctx) -> new RevisionEntry(rs.getInt(1),
            Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5));

    /** The JSON snapshot of a story as it was at one version, if that revision exists. */
    public Optional<String> snapshot(String articleId, int version) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT snapshot FROM revisions WHERE article_id = :id AND version = :v")
                .bind("id", articleId).bind("v", version).mapTo(String.class).findOne());
    }

    /** Who created a story (the actor of its first revision). */
    public Optional<String> creator(String articleId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT actor FROM revisions WHERE article_id = :id AND version = 1")
                .bind("id", articleId).mapTo(String.class).findOne());
    }

    /** How many revisions a story has: one per saved state. */
    public int count(String articleId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM revisions WHERE article_id = :id")
                .bind("id", articleId).mapTo(Integer.class).one());
    }

    /** The latest publishes, unpublishes, corrections and schedulings, newest first. */
    public List<AuditEntry> auditLog(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT r.created_at, r.actor, r.action, r.article_id, a.headline, r.version, r.note "
                        + "FROM revisions r JOIN articles a ON a.id = r.article_id "
                        + "WHERE r.action IN ('publish', 'unpublish', 'correct', 'schedule', 'return') ORDER BY r.created_at DESC, r.id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7)))
                .list());
    }
}
