package dateline.content;

import dateline.platform.Database;
import dateline.platform.Remembered;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The breaking-news strip: one line over every page, linking to a published story. It is read on
 * every page, so it is kept in memory; the write path forgets it when it changes, and whoever follows
 * the event log forgets it on a {@code breaking} event or a change to a story (its story may have been
 * unpublished, which takes the strip down with it).
 */
public final class BreakingNews {
    /** The strip as readers see it, with what its link needs. */
    public record Strip(String text, String articleId, String slug, Instant firstPublishedAt, Instant setAt) {}

    private final Remembered<Optional<Strip>> current;

    public BreakingNews(Database db) {
        this.current = new Remembered<>(() -> db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT b.text, b.article_id, a.slug, a.first_published_at, b.set_at FROM breaking_news b "
                                + "JOIN articles a ON a.id = b.article_id WHERE a.status = 'published'")
                .map((rs, ctx) -> new Strip(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5))))
                .findOne()));
    }

    /** The strip shown now, if any. */
    public Optional<Strip> current() {
        return current.get();
    }

    public void forget() {
        current.forget();
    }

    static void set(Handle h, String text, String articleId, Instant at) {
        clear(h);
        h.createUpdate("INSERT INTO breaking_news (id, text, article_id, set_at) VALUES (1, :text, :article, :at)")
                .bind("text", text).bind("article", articleId).bind("at", at.toEpochMilli()).execute();
    }

    static void clear(Handle h) {
        h.createUpdate("DELETE FROM breaking_news").execute();
    }
}
