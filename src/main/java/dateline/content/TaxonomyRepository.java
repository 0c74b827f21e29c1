package dateline.content;

import dateline.platform.Database;
import dateline.platform.Remembered;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * SQL for sections, authors and tags: the things stories are filed under.
 *
 * <p>The section list is on every page, so it is kept in memory: the write path forgets it when it
 * changes a section (so this node shows the change at once), and whoever follows the event log
 * forgets it when an event touches the navigation (so every other node does too).
 */
public final class TaxonomyRepository {
    static final RowMapper<Section> SECTION = (rs, ctx) -> new Section(rs.getString("id"), rs.getString("slug"),
            rs.getString("name"), rs.getString("description"), rs.getInt("position"));
    static final RowMapper<Author> AUTHOR = (rs, ctx) -> new Author(rs.getString("id"), rs.getString("slug"),
            rs.getString("name"), rs.getString("job_title"), rs.getString("bio"));
    static final RowMapper<Tag> TAG = (rs, ctx) -> new Tag(rs.getString("id"), rs.getString("slug"), rs.getString("name"));

    private final Database db;
    private final Remembered<List<Section>> sections;

    public TaxonomyRepository(Database db) {
        this.db = db;
        this.sections = new Remembered<>(() -> db.jdbi().withHandle(h ->
                h.createQuery("SELECT * FROM sections ORDER BY position, name").map(SECTION).list()));
    }

    /** Every section in navigation order, from memory after the first call. */
    public List<Section> sections() {
        return sections.get();
    }

    public void forgetSections() {
        sections.forget();
    }

    public Optional<Section> sectionBySlug(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sections WHERE slug = :slug").bind("slug", slug).map(SECTION).findOne());
    }

    public Optional<Section> section(Handle h, String id) {
        return h.createQuery("SELECT * FROM sections WHERE id = :id").bind("id", id).map(SECTION).findOne();
    }

    public List<Author> authors() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM authors ORDER BY name, id").map(AUTHOR).list());
    }

    public Optional<Author> authorBySlug(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM authors WHERE slug = :slug").bind("slug", slug).map(AUTHOR).findOne());
    }

    public List<Author> authors(Handle h, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT * FROM authors WHERE id IN (<ids>)").bindList("ids", List.copyOf(ids)).map(AUTHOR).list();
    }

    public List<Tag> tags() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM tags ORDER BY slug").map(TAG).list());
    }

    /** Tags of at least one published story: the ones readers may know of (a draft's new tag is not news yet). */
    public List<Tag> publicTags() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM tags t WHERE EXISTS (SELECT 1 FROM article_tags at JOIN articles a "
                + "ON a.id = at.article_id WHERE at.tag_id = t.id AND a.status = 'published') ORDER BY slug").map(TAG).list());
    }

    public Optional<Tag> tagBySlug(String slug) {
        return db.jdbi().withHandle(h -> tagBySlug(h, slug));
    }

    public Optional<Tag> tagById(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM tags WHERE id = :id").bind("id", id).map(TAG).findOne());
    }

    /** The tags of these slugs that exist, in no particular order. */
    List<Tag> tagsBySlug(Handle h, Collection<String> slugs) {
        return slugs.isEmpty() ? List.of() : h.createQuery("SELECT * FROM tags WHERE slug IN (<slugs>)").bindList("slugs", List.copyOf(slugs)).map(TAG).list();
    }

    public Optional<Tag> tagBySlug(Handle h, String slug) {
        return h.createQuery("SELECT * FROM tags WHERE slug = :slug").bind("slug", slug).map(TAG).findOne();
    }

    void insertSection(Handle h, Section s) {
        h.createUpdate("INSERT INTO sections (id, slug, name, description, position) VALUES (:id, :slug, :name, :description, :position)")
                .bindMethods(s).execute();
    }

    void insertAuthor(Handle h, Author a) {
        h.createUpdate("INSERT INTO authors (id, slug, name, job_title, bio) VALUES (:id, :slug, :name, :jobTitle, :bio)")
                .bindMethods(a).execute();
    }

    void insertTag(Handle h, Tag t) {
        h.createUpdate("INSERT INTO tags (id, slug, name) VALUES (:id, :slug, :name)").bindMethods(t).execute();
    }

    boolean slugTaken(Handle h, String table, String slug) {
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE slug = :slug").bind("slug", slug).mapTo(Integer.class).one() > 0;
    }
}
