package dateline.content;

import dateline.platform.Database;
import dateline.platform.Remembered;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads of the static pages; their writes go through the content service. */
public final class StaticPages {
    private final Database db;
    /** The footer shows them on every page: kept in memory, forgotten when a page changes (on every node, by the event). */
    private final Remembered<List<StaticPage>> published;

    public StaticPages(Database db) {
        this.db = db;
        this.published = new Remembered<>(() -> db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM static_pages WHERE published = 1 ORDER BY position, title")
                .map((rs, ctx) -> page(rs)).list()));
    }

    /** The published pages, in the footer's order. */
    public List<StaticPage> published() {
        return published.get();
    }

    /** Drops the remembered list: the next read loads it again. */
    public void forget() {
        published.forget();
    }

    public List<StaticPage> all() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM static_pages ORDER BY position, title").map((rs, ctx) -> page(rs)).list());
    }

    /** A published page at this slug. */
    public Optional<StaticPage> publishedBySlug(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM static_pages WHERE slug = :slug AND published = 1").bind("slug", slug)
                .map((rs, ctx) -> page(rs)).findOne());
    }

    public Optional<StaticPage> byId(String id) {
        return db.jdbi().withHandle(h -> byId(h, id));
    }

    Optional<StaticPage> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM static_pages WHERE id = :id").bind("id", id).map((rs, ctx) -> page(rs)).findOne();
    }

    private static StaticPage page(ResultSet rs) throws SQLException {
        return new StaticPage(rs.getString("id"), rs.getString("slug"), rs.getString("title"), rs.getString("body_html"), rs.getInt("published") == 1,
                rs.getInt("position"), Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
