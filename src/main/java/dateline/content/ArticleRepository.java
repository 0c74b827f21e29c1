package dateline.content;

import dateline.platform.Database;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * SQL reads of stories, each assembling whole {@link Article}s in a fixed number of queries for a
 * list. The writes are {@link ArticleWrites}', made only inside the content service's transactions.
 */
public final class ArticleRepository {

    private static final String SELECT = ArticleAssembler.SELECT;
    private static final RowMapper<ArticleAssembler.Joined> JOINED = ArticleAssembler.JOINED;

    private final Database db;
    private final ArticleAssembler assembler;
    private final ArticleWrites writes = new ArticleWrites();

    public ArticleRepository(Database db, TaxonomyRepository taxonomy) {
        this.db = db;
        this.assembler = new ArticleAssembler(taxonomy);
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
            var query = h.createQuery(SELECT + "WHERE a.status = 'published'" + listing.condition()
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
            var query = h.createQuery("SELECT COUNT(*) FROM articles a WHERE a.status = 'published'" + listing.condition());
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
     * Stories whose headline contains the words typed (case-insensitive), most recently changed first:
     * the desk's "find a story". With {@code publishedOrBy}, only published stories and those that
     * account created (a contributor's view); null finds stories of any state.
     */
    public List<Article> withHeadline(String text, String sectionId, String publishedOrBy, int limit) {
        String pattern = containing(text);
        String where = "WHERE LOWER(a.headline) LIKE :pattern ESCAPE '!'" + (sectionId == null ? "" : " AND a.section_id = :section")
                + (publishedOrBy == null ? "" : " AND (a.status = 'published' OR a.id IN (SELECT article_id FROM revisions WHERE version = 1 AND actor = :creator))");
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + where + " ORDER BY a.modified_at DESC, a.id DESC LIMIT :limit")
                .bind("pattern", pattern).bind("section", sectionId).bind("creator", publishedOrBy).bind("limit", limit).map(JOINED).list()));
    }

    /**
     * A {@code LIKE … ESCAPE '!'} pattern for lower-cased text containing {@code text}, its % and _
     * taken literally. ('!' rather than a backslash, which SQL parsers disagree about inside quotes.)
     */
    static String containing(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** Ids of scheduled stories whose time has come, oldest first. */
    /** The time before which the story cannot be published (copy from an agency under embargo), if any. */
    public Optional<Instant> embargo(String articleId) {
        return db.jdbi().withHandle(h -> embargo(h, articleId));
    }

    Optional<Instant> embargo(Handle h, String articleId) {
        return h.createQuery("SELECT until_at FROM article_embargoes WHERE article_id = :id").bind("id", articleId)
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli);
    }

    public List<String> dueScheduled(Instant now) {
        return db.jdbi().withHandle(h -> writes.dueScheduled(h, now));
    }

    List<Article> assemble(Handle h, List<ArticleAssembler.Joined> rows) {
        return assembler.assemble(h, rows);
    }

    /** The published stories an editor chose for the front page, in their order (chosen ones since unpublished are left out). */
    public List<Article> frontPage() {
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + "JOIN front_page f ON f.article_id = a.id "
                + "WHERE a.status = 'published' ORDER BY f.position").map(JOINED).list()));
    }

    /** Ids of every story chosen for the front page, in order, published or not. */
    public List<String> frontPageIds() {
        return db.jdbi().withHandle(writes::frontPageIds);
    }

    /** Ids of published stories after {@code afterId} in id order: for rebuilding derived views in batches. */
    public List<Article> publishedBatch(String afterId, int limit) {
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + "WHERE a.status = 'published' AND a.id > :after ORDER BY a.id LIMIT :limit")
                .bind("after", afterId).bind("limit", limit).map(JOINED).list()));
    }

    /** The stories of these ids (whatever their state), in no particular order, read in the caller's transaction. */
    List<Article> findByIds(Handle h, List<String> ids) {
        return ids.isEmpty() ? List.of() : assemble(h, h.createQuery(SELECT + "WHERE a.id IN (<ids>)").bindList("ids", ids).map(JOINED).list());
    }

    /** Published stories among these ids, in no particular order. */
    public List<Article> publishedByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.jdbi().withHandle(h -> assemble(h, h.createQuery(SELECT + "WHERE a.status = 'published' AND a.id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map(JOINED).list()));
    }
}
