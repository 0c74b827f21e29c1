package dateline.content;

import dateline.platform.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The article columns plus its lead image's description (never the image bytes). */
    private static final String SELECT = "SELECT a.*, i.content_type AS img_content_type, i.width AS img_width, i.height AS img_height, "
            + "i.alt_text AS img_alt_text, i.caption AS img_caption, i.credit AS img_credit, i.created_at AS img_created_at "
            + "FROM articles a LEFT JOIN images i ON i.id = a.lead_image_id ";

    /** A row with its lead image, as read by {@link #SELECT}. */
    record Joined(Row row, Image image) {}

    static final RowMapper<Joined> JOINED = (rs, ctx) -> {
        Row row = ArticleRepository.ROW.map(rs, ctx);
        Image image = row.leadImageId() == null ? null : new Image(row.leadImageId(), rs.getString("img_content_type"),
                rs.getInt("img_width"), rs.getInt("img_height"), rs.getString("img_alt_text"), rs.getString("img_caption"),
                rs.getString("img_credit"), Instant.ofEpochMilli(rs.getLong("img_created_at")));
        return new Joined(row, image);
    };

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

    private final TaxonomyRepository taxonomy;

    public ArticleRepository(Database db, TaxonomyRepository taxonomy) {
        this.db = db;
        this.taxonomy = taxonomy;
    }

    public Optional<Article> findById(String id) {
        return db.jdbi().withHandle(h -> findById(h, id));
    }

    public Optional<Article> findById(Handle h, String id) {
        return h.createQuery(SELECT + "WHERE a.id = :id").bind("id", id).map(JOINED).findOne()
                .map(row -> assemble(h, List.of(row)).get(0));
    }

    public Optional<Article> findBySlug(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery(SELECT + "WHERE a.slug = :slug").bind("slug", slug)
                .map(JOINED).findOne().map(row -> assemble(h, List.of(row)).get(0)));
    }

    /** The id of the story that once had this slug, if any. */
    public Optional<String> redirectTarget(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT article_id FROM slug_redirects WHERE slug = :slug")
                .bind("slug", slug).mapTo(String.class).findOne());
    }

    /** Published stories, newest first. */
    public List<Article> published(Listing listing, int limit, int offset) {
        return db.jdbi().withHandle(h -> {
            var query = h.createQuery(SELECT + "WHERE a.status = 'published'" + listing.sql()
                            + " ORDER BY a.first_published_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", limit).bind("offset", offset);
            if (listing.value() != null) {
                query.bind("value", listing.value());
            }
            return assemble(h, query.map(JOINED).list());
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

    /** A published story's address parts and times, for sitemaps: no text, no joins. */
    public record SitemapEntry(String slug, Instant firstPublishedAt, Instant lastModified) {}

    /** Published stories first published in [from, to), oldest first. */
    public List<SitemapEntry> sitemapEntries(Instant from, Instant to) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT slug, first_published_at, COALESCE(updated_at, first_published_at) AS modified "
                        + "FROM articles WHERE status = 'published' AND first_published_at >= :from AND first_published_at < :to "
                        + "ORDER BY first_published_at, id")
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((rs, ctx) -> new SitemapEntry(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))))
                .list());
    }

    /** First-publication and last-change times of every published story, for the sitemap index. */
    public List<Instant[]> publicationTimes() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT first_published_at, COALESCE(updated_at, first_published_at) "
                        + "FROM articles WHERE status = 'published'")
                .map((rs, ctx) -> new Instant[] {Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2))}).list());
    }

    /** Stories first published at or after {@code since}, newest first. */
    public List<Article> publishedSince(Instant since, int limit) {
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + "WHERE a.status = 'published' AND a.first_published_at >= :since "
                        + "ORDER BY a.first_published_at DESC, a.id DESC LIMIT :limit")
                .bind("since", since.toEpochMilli()).bind("limit", limit).map(JOINED).list()));
    }

    /**
     * Published stories for the content API, newest first, filtered by any of section, tag, author
     * and last change, continuing after the story ({@code beforePublished}, {@code beforeId}) when given.
     */
    public List<Article> publishedFiltered(String sectionId, String tagId, String authorId, Instant changedSince,
                                           Instant beforePublished, String beforeId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + "WHERE a.status = 'published'");
        Map<String, Object> binds = new HashMap<>();
        if (sectionId != null) {
            sql.append(" AND a.section_id = :section");
            binds.put("section", sectionId);
        }
        if (tagId != null) {
            sql.append(" AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = :tag)");
            binds.put("tag", tagId);
        }
        if (authorId != null) {
            sql.append(" AND a.id IN (SELECT article_id FROM article_authors WHERE author_id = :author)");
            binds.put("author", authorId);
        }
        if (changedSince != null) {
            sql.append(" AND COALESCE(a.updated_at, a.first_published_at) >= :since");
            binds.put("since", changedSince.toEpochMilli());
        }
        if (beforePublished != null) {
            sql.append(" AND (a.first_published_at < :before OR (a.first_published_at = :before AND a.id < :beforeId))");
            binds.put("before", beforePublished.toEpochMilli());
            binds.put("beforeId", beforeId);
        }
        sql.append(" ORDER BY a.first_published_at DESC, a.id DESC LIMIT :limit");
        binds.put("limit", limit);
        return db.jdbi().withHandle(h -> {
            var query = h.createQuery(sql.toString());
            binds.forEach(query::bind);
            return assemble(h, query.map(JOINED).list());
        });
    }

    /** Stories in one workflow state, most recently changed first: for the desk. */
    public List<Article> byStatus(Status status, int limit) {
        return byStatus(status, null, null, limit, 0);
    }

    /**
     * Stories in one workflow state, most recently changed first; optionally only one section's, and
     * only those a given account created (by its email, as revisions record it).
     */
    public List<Article> byStatus(Status status, String sectionId, String creator, int limit, int offset) {
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + inState(sectionId, creator)
                        + " ORDER BY a.modified_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                .bind("status", status.dbValue()).bind("section", sectionId).bind("creator", creator).bind("limit", limit).bind("offset", offset)
                .map(JOINED).list()));
    }

    /** How many stories {@link #byStatus(Status, String, String, int, int)} would list without a limit. */
    public int countByStatus(Status status, String sectionId, String creator) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM articles a " + inState(sectionId, creator))
                .bind("status", status.dbValue()).bind("section", sectionId).bind("creator", creator).mapTo(Integer.class).one());
    }

    private static String inState(String sectionId, String creator) {
        return "WHERE a.status = :status" + (sectionId == null ? "" : " AND a.section_id = :section")
                + (creator == null ? "" : " AND a.id IN (SELECT article_id FROM revisions WHERE version = 1 AND actor = :creator)");
    }

    /**
     * Stories of any state whose headline contains the words typed (case-insensitive), most recently
     * changed first: the desk's "find a story".
     */
    public List<Article> withHeadline(String text, String sectionId, int limit) {
        String pattern = containing(text);
        String where = "WHERE LOWER(a.headline) LIKE :pattern ESCAPE '!'" + (sectionId == null ? "" : " AND a.section_id = :section");
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + where + " ORDER BY a.modified_at DESC, a.id DESC LIMIT :limit")
                .bind("pattern", pattern).bind("section", sectionId).bind("limit", limit).map(JOINED).list()));
    }

    /**
     * A {@code LIKE … ESCAPE '!'} pattern for lower-cased text containing {@code text}, its % and _
     * taken literally. ('!' rather than a backslash, which SQL parsers disagree about inside quotes.)
     */
    static String containing(String text) {
        return "%" + text.strip().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** Ids of scheduled stories whose time has come, oldest first. */
    public List<String> dueScheduled(Instant now) {
        return db.jdbi().withHandle(h -> dueScheduled(h, now));
    }

    List<String> dueScheduled(Handle h, Instant now) {
        return h.createQuery("SELECT id FROM articles WHERE status = 'scheduled' AND scheduled_at <= :now ORDER BY scheduled_at, id")
                .bind("now", now.toEpochMilli()).mapTo(String.class).list();
    }

    /**
     * Builds whole articles from rows in one more query (authors, tags and corrections together),
     * whatever the number of rows. Sections come from the taxonomy's memory.
     */
    List<Article> assemble(Handle h, List<Joined> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(j -> j.row().id()).toList();
        Map<String, List<Author>> authors = new HashMap<>();
        Map<String, List<Tag>> tags = new HashMap<>();
        Map<String, List<Correction>> corrections = new HashMap<>();
        Map<String, List<String>> related = new HashMap<>();
        h.createQuery("SELECT 'a' AS kind, aa.article_id, aa.position AS ord, au.id, au.slug, au.name, au.job_title AS extra, au.bio AS more "
                        + "FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id IN (<ids>) "
                        + "UNION ALL SELECT 't', at.article_id, at.position, t.id, t.slug, t.name, NULL, NULL "
                        + "FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN (<ids>) "
                        + "UNION ALL SELECT 'c', c.article_id, c.created_at, c.id, NULL, c.note, NULL, NULL "
                        + "FROM corrections c WHERE c.article_id IN (<ids>) "
                        + "UNION ALL SELECT 'r', r.article_id, r.position, r.related_id, NULL, NULL, NULL, NULL "
                        + "FROM article_related r WHERE r.article_id IN (<ids>) "
                        + "ORDER BY 1, 2, 3, 4")
                .bindList("ids", ids)
                .map((rs, ctx) -> {
                    String articleId = rs.getString("article_id");
                    switch (rs.getString("kind")) {
                        case "a" -> authors.computeIfAbsent(articleId, k -> new ArrayList<>()).add(new Author(rs.getString("id"),
                                rs.getString("slug"), rs.getString("name"), rs.getString("extra"), rs.getString("more")));
                        case "t" -> tags.computeIfAbsent(articleId, k -> new ArrayList<>()).add(new Tag(rs.getString("id"),
                                rs.getString("slug"), rs.getString("name")));
                        case "r" -> related.computeIfAbsent(articleId, k -> new ArrayList<>()).add(rs.getString("id"));
                        default -> corrections.computeIfAbsent(articleId, k -> new ArrayList<>()).add(new Correction(rs.getString("id"),
                                rs.getString("name"), Instant.ofEpochMilli(rs.getLong("ord"))));
                    }
                    return articleId;
                })
                .list();
        Map<String, Section> sections = new HashMap<>();
        taxonomy.sections().forEach(s -> sections.put(s.id(), s));
        List<Article> result = new ArrayList<>(rows.size());
        for (Joined joined : rows) {
            Row r = joined.row();
            Section section = sections.get(r.sectionId());
            if (section == null) { // created since the section list was read: this node has not applied that event yet
                section = taxonomy.section(h, r.sectionId()).orElseThrow();
            }
            result.add(new Article(r.id(), r.slug(), r.headline(), r.standfirst(), r.bodyHtml(), r.datelinePlace(), section,
                    authors.getOrDefault(r.id(), List.of()), tags.getOrDefault(r.id(), List.of()), joined.image(),
                    r.language(), r.source(), Status.fromDb(r.status()), r.version(), Instant.ofEpochMilli(r.createdAt()),
                    Instant.ofEpochMilli(r.modifiedAt()), instant(r.firstPublishedAt()), instant(r.updatedAt()),
                    instant(r.scheduledAt()), corrections.getOrDefault(r.id(), List.of()), related.getOrDefault(r.id(), List.of())));
        }
        return result;
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

    void replaceRelated(Handle h, String articleId, List<String> relatedIds) {
        h.createUpdate("DELETE FROM article_related WHERE article_id = :id").bind("id", articleId).execute();
        for (int i = 0; i < relatedIds.size(); i++) {
            h.createUpdate("INSERT INTO article_related (article_id, related_id, position) VALUES (:a, :b, :p)")
                    .bind("a", articleId).bind("b", relatedIds.get(i)).bind("p", i).execute();
        }
    }

    /** The published stories an editor chose for the front page, in their order (chosen ones since unpublished are left out). */
    public List<Article> frontPage() {
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + "JOIN front_page f ON f.article_id = a.id "
                + "WHERE a.status = 'published' ORDER BY f.position").map(JOINED).list()));
    }

    /** Ids of every story chosen for the front page, in order, published or not. */
    public List<String> frontPageIds() {
        return db.jdbi().withHandle(this::frontPageIds);
    }

    List<String> frontPageIds(Handle h) {
        return h.createQuery("SELECT article_id FROM front_page ORDER BY position").mapTo(String.class).list();
    }

    void replaceFrontPage(Handle h, List<String> ids) {
        h.createUpdate("DELETE FROM front_page").execute();
        for (int i = 0; i < ids.size(); i++) {
            h.createUpdate("INSERT INTO front_page (position, article_id) VALUES (:p, :a)").bind("p", i).bind("a", ids.get(i)).execute();
        }
    }

    /** Ids of published stories after {@code afterId} in id order: for rebuilding derived views in batches. */
    public List<Article> publishedBatch(String afterId, int limit) {
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + "WHERE a.status = 'published' AND a.id > :after ORDER BY a.id LIMIT :limit")
                .bind("after", afterId).bind("limit", limit).map(JOINED).list()));
    }

    /** Published stories among these ids, in no particular order. */
    public List<Article> publishedByIds(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + "WHERE a.status = 'published' AND a.id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map(JOINED).list()));
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
}
