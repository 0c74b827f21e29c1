package dateline.content;

import dateline.platform.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * SQL for stories: reads that assemble whole {@link Article}s (in a fixed number of queries for a
 * list), and the writes the {@link ContentService} makes inside its transactions.
 */
public final class ArticleRepository {

    /** Which published stories a list shows. */
    public record Listing(String sql, String value) {
        public static final Listing ALL = new Listing("", null);

        public static Listing section(String sectionId) {
            return new Listing(" AND a.section_id = :value", sectionId);
        }

        public static Listing tag(String tagId) {
            return new Listing(" AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = :value)", tagId);
        }

        public static Listing author(String authorId) {
            return new Listing(" AND a.id IN (SELECT article_id FROM article_authors WHERE author_id = :value)", authorId);
        }
    }

    /** The articles table's own columns, as stored. */
    public record Row(String id, String slug, String headline, String standfirst, String bodyHtml, String datelinePlace,
               String sectionId, String leadImageId, String language, String source, String status, int version,
               long createdAt, long modifiedAt, Long firstPublishedAt, Long updatedAt, Long scheduledAt) {}

    static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString("id"), rs.getString("slug"), rs.getString("headline"),
            rs.getString("standfirst"), rs.getString("body_html"), rs.getString("dateline_place"), rs.getString("section_id"),
            rs.getString("lead_image_id"), rs.getString("language"), rs.getString("source"), rs.getString("status"),
            rs.getInt("version"), rs.getLong("created_at"), rs.getLong("modified_at"),
            nullableLong(rs, "first_published_at"), nullableLong(rs, "updated_at"), nullableLong(rs, "scheduled_at"));

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private final Database db;

    public ArticleRepository(Database db) {
        this.db = db;
    }

    public Optional<Article> findById(String id) {
        return db.jdbi().withHandle(h -> findById(h, id));
    }

    public Optional<Article> findById(Handle h, String id) {
        return h.createQuery("SELECT * FROM articles WHERE id = :id").bind("id", id).map(ROW).findOne()
                .map(row -> assemble(h, List.of(row)).get(0));
    }

    public Optional<Article> findBySlug(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM articles WHERE slug = :slug").bind("slug", slug)
                .map(ROW).findOne().map(row -> assemble(h, List.of(row)).get(0)));
    }

    /** The id of the story that once had this slug, if any. */
    public Optional<String> redirectTarget(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT article_id FROM slug_redirects WHERE slug = :slug")
                .bind("slug", slug).mapTo(String.class).findOne());
    }

    /** Published stories, newest first. */
    public List<Article> published(Listing listing, int limit, int offset) {
        return db.jdbi().withHandle(h -> {
            var query = h.createQuery("SELECT a.* FROM articles a WHERE a.status = 'published'" + listing.sql()
                            + " ORDER BY a.first_published_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", limit).bind("offset", offset);
            if (listing.value() != null) {
                query.bind("value", listing.value());
            }
            return assemble(h, query.map(ROW).list());
        });
    }

    public int countPublished(Listing listing) {
        return db.jdbi().withHandle(h -> {
            var query = h.createQuery("SELECT COUNT(*) FROM articles a WHERE a.status = 'published'" + listing.sql());
            if (listing.value() != null) {
                query.bind("value", listing.value());
            }
            return query.mapTo(Integer.class).one();
        });
    }

    /** Ids of scheduled stories whose time has come, oldest first. */
    public List<String> dueScheduled(Instant now) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM articles WHERE status = 'scheduled' AND scheduled_at <= :now ORDER BY scheduled_at, id")
                .bind("now", now.toEpochMilli()).mapTo(String.class).list());
    }

    /** Builds whole articles from rows, with a fixed number of queries whatever the number of rows. */
    List<Article> assemble(Handle h, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(Row::id).toList();
        Map<String, Section> sections = h.createQuery("SELECT * FROM sections").map(TaxonomyRepository.SECTION).list()
                .stream().collect(Collectors.toMap(Section::id, Function.identity()));
        Map<String, List<Author>> authors = new HashMap<>();
        h.createQuery("SELECT aa.article_id, au.* FROM article_authors aa JOIN authors au ON au.id = aa.author_id "
                        + "WHERE aa.article_id IN (<ids>) ORDER BY aa.article_id, aa.position")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("article_id"), TaxonomyRepository.AUTHOR.map(rs, ctx)))
                .forEach(e -> authors.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<Tag>> tags = new HashMap<>();
        h.createQuery("SELECT at.article_id, t.* FROM article_tags at JOIN tags t ON t.id = at.tag_id "
                        + "WHERE at.article_id IN (<ids>) ORDER BY at.article_id, at.position")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("article_id"), TaxonomyRepository.TAG.map(rs, ctx)))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<Correction>> corrections = new HashMap<>();
        h.createQuery("SELECT * FROM corrections WHERE article_id IN (<ids>) ORDER BY article_id, created_at, id")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("article_id"),
                        new Correction(rs.getString("id"), rs.getString("note"), Instant.ofEpochMilli(rs.getLong("created_at")))))
                .forEach(e -> corrections.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Set<String> imageIds = new LinkedHashSet<>();
        rows.stream().map(Row::leadImageId).filter(i -> i != null).forEach(imageIds::add);
        Map<String, Image> images = imageIds.isEmpty() ? Map.of()
                : h.createQuery("SELECT id, content_type, width, height, alt_text, caption, credit, created_at FROM images WHERE id IN (<ids>)")
                        .bindList("ids", List.copyOf(imageIds)).map(ImageRepository.IMAGE).list()
                        .stream().collect(Collectors.toMap(Image::id, Function.identity()));
        return rows.stream().map(r -> new Article(r.id(), r.slug(), r.headline(), r.standfirst(), r.bodyHtml(),
                r.datelinePlace(), sections.get(r.sectionId()), authors.getOrDefault(r.id(), List.of()),
                tags.getOrDefault(r.id(), List.of()), r.leadImageId() == null ? null : images.get(r.leadImageId()),
                r.language(), r.source(), Status.fromDb(r.status()), r.version(), Instant.ofEpochMilli(r.createdAt()),
                Instant.ofEpochMilli(r.modifiedAt()), instant(r.firstPublishedAt()), instant(r.updatedAt()),
                instant(r.scheduledAt()), corrections.getOrDefault(r.id(), List.of()))).toList();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    void insert(Handle h, Row row) {
        h.createUpdate("INSERT INTO articles (id, slug, headline, standfirst, body_html, dateline_place, section_id, lead_image_id, "
                        + "language, source, status, version, created_at, modified_at, first_published_at, updated_at, scheduled_at) "
                        + "VALUES (:id, :slug, :headline, :standfirst, :bodyHtml, :datelinePlace, :sectionId, :leadImageId, "
                        + ":language, :source, :status, :version, :createdAt, :modifiedAt, :firstPublishedAt, :updatedAt, :scheduledAt)")
                .bindMethods(row).execute();
    }

    /** Writes a new state if the stored version is still {@code baseVersion}; false when someone saved first. */
    boolean update(Handle h, Row row, int baseVersion) {
        return h.createUpdate("UPDATE articles SET slug = :slug, headline = :headline, standfirst = :standfirst, body_html = :bodyHtml, "
                        + "dateline_place = :datelinePlace, section_id = :sectionId, lead_image_id = :leadImageId, language = :language, "
                        + "source = :source, status = :status, version = :version, modified_at = :modifiedAt, "
                        + "first_published_at = :firstPublishedAt, updated_at = :updatedAt, scheduled_at = :scheduledAt "
                        + "WHERE id = :id AND version = :baseVersion")
                .bindMethods(row).bind("baseVersion", baseVersion).execute() == 1;
    }

    void replaceAuthors(Handle h, String articleId, List<String> authorIds) {
        h.createUpdate("DELETE FROM article_authors WHERE article_id = :id").bind("id", articleId).execute();
        for (int i = 0; i < authorIds.size(); i++) {
            h.createUpdate("INSERT INTO article_authors (article_id, author_id, position) VALUES (:a, :b, :p)")
                    .bind("a", articleId).bind("b", authorIds.get(i)).bind("p", i).execute();
        }
    }

    void replaceTags(Handle h, String articleId, List<String> tagIds) {
        h.createUpdate("DELETE FROM article_tags WHERE article_id = :id").bind("id", articleId).execute();
        for (int i = 0; i < tagIds.size(); i++) {
            h.createUpdate("INSERT INTO article_tags (article_id, tag_id, position) VALUES (:a, :b, :p)")
                    .bind("a", articleId).bind("b", tagIds.get(i)).bind("p", i).execute();
        }
    }

    void insertCorrection(Handle h, String articleId, Correction c) {
        h.createUpdate("INSERT INTO corrections (id, article_id, note, created_at) VALUES (:id, :article, :note, :at)")
                .bind("id", c.id()).bind("article", articleId).bind("note", c.note()).bind("at", c.createdAt().toEpochMilli()).execute();
    }

    /** Remembers an old slug; a slug that comes back to its story stops being a redirect. */
    void addRedirect(Handle h, String slug, String articleId) {
        h.createUpdate("DELETE FROM slug_redirects WHERE slug = :slug").bind("slug", slug).execute();
        h.createUpdate("INSERT INTO slug_redirects (slug, article_id) VALUES (:slug, :id)").bind("slug", slug).bind("id", articleId).execute();
    }

    void removeRedirect(Handle h, String slug) {
        h.createUpdate("DELETE FROM slug_redirects WHERE slug = :slug").bind("slug", slug).execute();
    }

    /** The story, if any, that owns this slug now or owned it once. */
    Optional<String> slugOwner(Handle h, String slug) {
        return h.createQuery("SELECT id FROM articles WHERE slug = :slug UNION SELECT article_id FROM slug_redirects WHERE slug = :slug")
                .bind("slug", slug).mapTo(String.class).findFirst();
    }

    void insertRevision(Handle h, String articleId, int version, Instant at, String actor, String action, String snapshot) {
        h.createUpdate("INSERT INTO revisions (article_id, version, created_at, actor, action, snapshot) "
                        + "VALUES (:article, :version, :at, :actor, :action, :snapshot)")
                .bind("article", articleId).bind("version", version).bind("at", at.toEpochMilli())
                .bind("actor", actor).bind("action", action).bind("snapshot", snapshot).execute();
    }

    /** How many revisions a story has: one per saved state. */
    public int revisionCount(String articleId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM revisions WHERE article_id = :id")
                .bind("id", articleId).mapTo(Integer.class).one());
    }
}
