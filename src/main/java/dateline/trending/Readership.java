package dateline.trending;

import dateline.platform.Database;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How stories are read, for the desk: each story's views in the last hour and the last 24 hours, and
 * the stories most read in the last hour. Read from the counts Trending already keeps (five-minute
 * buckets of views, nothing about readers), with the same boundaries as the Most read page, so the
 * desk and the site never disagree.
 */
public final class Readership {
    /** A story's views in the last hour and the last 24 hours. */
    public record Counts(long lastHour, long lastDay) {
        public static final Counts NONE = new Counts(0, 0);
    }

    private final Database db;
    private final TrendingList trending;
    private final Clock clock;

    public Readership(Database db, TrendingList trending, Clock clock) {
        this.db = db;
        this.trending = trending;
        this.clock = clock;
    }

    /** The counts of these stories (one query, whatever their number); a story nobody read is absent. */
    public Map<String, Counts> counts(Collection<String> articleIds) {
        Map<String, Counts> counts = new HashMap<>();
        if (articleIds.isEmpty()) {
            return counts;
        }
        long now = clock.millis();
        long hour = TrendingList.since(now, TrendingList.Period.HOUR.length);
        long day = TrendingList.since(now, TrendingList.Period.DAY.length);
        db.jdbi().useHandle(h -> h.createQuery("SELECT article_id, SUM(CASE WHEN bucket_start >= :hour THEN views ELSE 0 END) AS hour_views, "
                        + "SUM(views) AS day_views FROM view_buckets WHERE bucket_start >= :day AND article_id IN (<ids>) GROUP BY article_id")
                .bind("hour", hour).bind("day", day).bindList("ids", List.copyOf(articleIds))
                .map((rs, ctx) -> counts.put(rs.getString("article_id"), new Counts(rs.getLong("hour_views"), rs.getLong("day_views"))))
                .forEach(x -> { }));
        return counts;
    }

    public Counts counts(String articleId) {
        return counts(List.of(articleId)).getOrDefault(articleId, Counts.NONE);
    }

    /** The ten stories most read in the last hour, as the Most read page shows them (recomputed every minute by the trending job). */
    public List<TrendingList.Ranked> now() {
        return trending.mostRead(TrendingList.Period.HOUR);
    }
}
