package dateline.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL writes of stories, made only inside the content service's transactions: this class and
 * its methods are visible to the {@code content} package alone.
 */
final class ArticleWrites {

    private static final String INSERT = "INSERT INTO articles (id, slug, headline, standfirst, body_html, dateline_place, section_id, lead_image_id, "
            + "language, source, status, version, created_at, modified_at, first_published_at, updated_at, scheduled_at) "
            + "VALUES (:id, :slug, :headline, :standfirst, :bodyHtml, :datelinePlace, :sectionId, :leadImageId, "
            + ":language, :source, :status, :version, :createdAt, :modifiedAt, :firstPublishedAt, :updatedAt, :scheduledAt)";

    void insert(Handle h, ArticleRow row) {
        row.bindTo(h.createUpdate(INSERT)).execute();
    }

    /** New story rows with one JDBC batch. */
    void insertAll(Handle h, List<ArticleRow> newRows) {
        PreparedBatch batch = h.prepareBatch(INSERT);
        newRows.forEach(r -> r.bindTo(batch).add());
        execute(batch);
    }

    /** Runs a batch that may have no rows. */
    static void execute(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /** Writes a new state if the stored version is still {@code baseVersion}; false when someone saved first. */
    boolean update(Handle h, ArticleRow row, int baseVersion) {
        return row.bindTo(h.createUpdate("UPDATE articles SET slug = :slug, headline = :headline, standfirst = :standfirst, body_html = :bodyHtml, "
                        + "dateline_place = :datelinePlace, section_id = :sectionId, lead_image_id = :leadImageId, language = :language, "
                        + "source = :source, status = :status, version = :version, modified_at = :modifiedAt, "
                        + "first_published_at = :firstPublishedAt, updated_at = :updatedAt, scheduled_at = :scheduledAt "
                        + "WHERE id = :id AND version = :baseVersion"))
                .bind("baseVersion", baseVersion).execute() == 1;
    }

    void replaceAuthors(Handle h, String articleId, List<String> authorIds) {
        replaceList(h, "article_authors", "author_id", articleId, authorIds);
    }

    void replaceTags(Handle h, String articleId, List<String> tagIds) {
        replaceList(h, "article_tags", "tag_id", articleId, tagIds);
    }

    void replaceRelated(Handle h, String articleId, List<String> relatedIds) {
        replaceList(h, "article_related", "related_id", articleId, relatedIds);
    }

    /** The lists of new stories (nothing to replace) in one of the three list tables, with one JDBC batch: story id → ids in order. */
    void insertLists(Handle h, String table, String column, java.util.Map<String, List<String>> lists) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO " + table + " (article_id, " + column + ", position) VALUES (:a, :b, :p)");
        lists.forEach((articleId, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                batch.bind("a", articleId).bind("b", ids.get(i)).bind("p", i).add();
            }
        });
        execute(batch);
    }

    /** Replaces a story's ordered list in one of the three list tables (names are constants, never input). */
    private static void replaceList(Handle h, String table, String column, String articleId, List<String> ids) {
        h.createUpdate("DELETE FROM " + table + " WHERE article_id = :id").bind("id", articleId).execute();
        for (int i = 0; i < ids.size(); i++) {
            h.createUpdate("INSERT INTO " + table + " (article_id, " + column + ", position) VALUES (:a, :b, :p)")
                    .bind("a", articleId).bind("b", ids.get(i)).bind("p", i).execute();
        }
    }

    /** Sets the time before which the story cannot be published (null: none). */
    void setEmbargo(Handle h, String articleId, Instant until) {
        h.createUpdate("DELETE FROM article_embargoes WHERE article_id = :id").bind("id", articleId).execute();
        if (until != null) {
            h.createUpdate("INSERT INTO article_embargoes (article_id, until_at) VALUES (:id, :until)")
                    .bind("id", articleId).bind("until", until.toEpochMilli()).execute();
        }
    }

    void insertCorrection(Handle h, String articleId, Correction c) {
        h.createUpdate("INSERT INTO corrections (id, article_id, note, created_at) VALUES (:id, :article, :note, :at)")
                .bind("id", c.id()).bind("article", articleId).bind("note", c.note()).bind("at", c.createdAt().toEpochMilli()).execute();
    }

    /** Remembers an old slug; a slug that comes back to its story stops being a redirect. */
    void addRedirect(Handle h, String slug, String articleId) {
        removeRedirect(h, slug);
        h.createUpdate("INSERT INTO slug_redirects (slug, article_id) VALUES (:slug, :id)").bind("slug", slug).bind("id", articleId).execute();
    }

    void removeRedirect(Handle h, String slug) {
        h.createUpdate("DELETE FROM slug_redirects WHERE slug = :slug").bind("slug", slug).execute();
    }

    /** The story, if any, that owns this slug now or owned it once. */
    /** Those of these slugs that a story has now or had once. */
    java.util.Set<String> slugsTaken(Handle h, java.util.Collection<String> slugs) {
        return slugs.isEmpty() ? java.util.Set.of() : new java.util.HashSet<>(h.createQuery(
                "SELECT slug FROM articles WHERE slug IN (<slugs>) UNION SELECT slug FROM slug_redirects WHERE slug IN (<slugs>)")
                .bindList("slugs", List.copyOf(slugs)).mapTo(String.class).list());
    }

    Optional<String> slugOwner(Handle h, String slug) {
        return h.createQuery("SELECT id FROM articles WHERE slug = :slug UNION SELECT article_id FROM slug_redirects WHERE slug = :slug")
                .bind("slug", slug).mapTo(String.class).findFirst();
    }

    /** Ids of scheduled stories whose time has come, oldest first. */
    List<String> dueScheduled(Handle h, Instant now) {
        return h.createQuery("SELECT id FROM articles WHERE status = 'scheduled' AND scheduled_at <= :now ORDER BY scheduled_at, id")
                .bind("now", now.toEpochMilli()).mapTo(String.class).list();
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
}
