package dateline.desk;

import dateline.platform.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Who has a story open in the desk. The editor page says so when it opens and every 20 seconds
 * while it stays open; a mark older than a minute no longer counts. Kept in SQL so that editors on
 * different app nodes see each other.
 */
public final class Presence {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Presence.class);
    static final Duration FRESH = Duration.ofSeconds(60);

    private final Database db;
    private final Clock clock;

    public Presence(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The same, for pages that must not fail because of it: if the database is too busy to take the
     * mark, the page says nobody else (the next heartbeat will tell).
     */
    public List<String> seenOrUnknown(String articleId, User user) {
        try {
            return seen(articleId, user);
        } catch (RuntimeException e) {
            log.warn("presence not recorded article={} user={} error={}", articleId, user.email(), e.toString());
            return List.of();
        }
    }

    /** Marks the story as open by the user, and returns the names of the others who have it open. */
    public List<String> seen(String articleId, User user) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            h.createUpdate("INSERT INTO story_presence (article_id, user_id, seen_at) VALUES (:a, :u, :now) "
                            + "ON CONFLICT (article_id, user_id) DO UPDATE SET seen_at = excluded.seen_at")
                    .bind("a", articleId).bind("u", user.id()).bind("now", now).execute();
            h.createUpdate("DELETE FROM story_presence WHERE seen_at < :old").bind("old", now - Duration.ofHours(1).toMillis()).execute();
            return h.createQuery("SELECT u.name FROM story_presence p JOIN users u ON u.id = p.user_id "
                            + "WHERE p.article_id = :a AND p.user_id <> :u AND p.seen_at >= :since AND u.disabled_at IS NULL ORDER BY u.name")
                    .bind("a", articleId).bind("u", user.id()).bind("since", now - FRESH.toMillis()).mapTo(String.class).list();
        });
    }
}
