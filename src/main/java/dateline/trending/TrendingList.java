package dateline.trending;

import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.platform.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What readers read most: "Trending" (views with time decay over a window, default 24 hours) and
 * "Most read" over the last hour, day and week, computed from the SQL view buckets.
 *
 * <p>{@link #recompute()} replaces the snapshot (about once a minute, by {@link TrendingJob});
 * readers of {@link #trending()} and {@link #mostRead} get the last snapshot without waiting.
 */
public final class TrendingList {
    public static final int TOP = 5;
    private static final int MOST_READ = 10;

    /** The tabs of the Most read page. */
    public enum Period {
        HOUR("1h", "Past hour", Duration.ofHours(1)),
        DAY("24h", "Past 24 hours", Duration.ofHours(24)),
        WEEK("7d", "Past 7 days", Duration.ofDays(7));

        public final String slug;
        public final String label;
        public final Duration length;

        Period(String slug, String label, Duration length) {
            this.slug = slug;
            this.label = label;
            this.length = length;
        }

        public static Period fromSlug(String slug) {
            for (Period p : values()) {
                if (p.slug.equals(slug)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** A story with its views in a period. */
    public record Ranked(Article article, long views) {}

    private record Snapshot(List<Article> trending, Map<Period, List<Ranked>> mostRead) {}

    private final Database db;
    private final ArticleRepository articles;
    private final Clock clock;
    private final Duration window;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());

    public TrendingList(Database db, ArticleRepository articles, Clock clock, Duration window) {
        this.db = db;
        this.articles = articles;
        this.clock = clock;
        this.window = window;
    }

    public List<Article> trending() {
        return snapshot.trending();
    }

    public List<Ranked> mostRead(Period period) {
        return snapshot.mostRead().getOrDefault(period, List.of());
    }

    /** Recomputes both lists from SQL; returns true when what pages show has changed. */
    public boolean recompute() {
        long now = clock.millis();
        long bucket = ViewCounter.BUCKET.toMillis();
        long hour = Duration.ofHours(1).toMillis();
        // Views per story per hour within the window: at most 24 rows a story for a day's window.
        Map<String, Double> scores = new HashMap<>();
        double halfLife = window.toMillis() / 4.0;
        db.jdbi().useHandle(h -> h.createQuery("SELECT article_id, bucket_start / :hour AS hour, SUM(views) AS views FROM view_buckets "
                        + "WHERE bucket_start >= :since GROUP BY 1, 2")
                .bind("hour", hour).bind("since", now - window.toMillis())
                .map((rs, ctx) -> {
                    double age = Math.max(0, now - (rs.getLong("hour") * hour + hour / 2));
                    scores.merge(rs.getString("article_id"), rs.getLong("views") * Math.pow(0.5, age / halfLife), Double::sum);
                    return null;
                }).forEach(x -> { }));
        List<String> trendingIds = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).limit(TOP * 3L).toList();
        Map<Period, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Period period : Period.values()) {
            Map<String, Long> views = new LinkedHashMap<>();
            long since = since(now, period.length);
            db.jdbi().useHandle(h -> h.createQuery("SELECT article_id, SUM(views) AS views FROM view_buckets WHERE bucket_start >= :since "
                            + "GROUP BY article_id ORDER BY SUM(views) DESC, article_id LIMIT :limit")
                    .bind("since", since).bind("limit", MOST_READ * 2)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> views.put(e.getKey(), e.getValue())));
            counts.put(period, views);
        }
        List<String> ids = new ArrayList<>(trendingIds);
        counts.values().forEach(m -> ids.addAll(m.keySet()));
        Map<String, Article> published = new HashMap<>();
        articles.publishedByIds(new java.util.LinkedHashSet<>(ids)).forEach(a -> published.put(a.id(), a));

        List<Article> trending = trendingIds.stream().map(published::get).filter(Objects::nonNull).limit(TOP).toList();
        Map<Period, List<Ranked>> mostRead = new LinkedHashMap<>();
        counts.forEach((period, views) -> mostRead.put(period, views.entrySet().stream()
                .filter(e -> published.containsKey(e.getKey()))
                .map(e -> new Ranked(published.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(Ranked::views).reversed())
                .limit(MOST_READ).toList()));
        Snapshot fresh = new Snapshot(trending, mostRead);
        boolean changed = !shown(fresh).equals(shown(snapshot));
        snapshot = fresh;
        return changed;
    }

    /** What pages print of a snapshot: ids in order (and view counts on the Most read page). */
    private static List<String> shown(Snapshot s) {
        List<String> shown = new ArrayList<>();
        s.trending().forEach(a -> shown.add(a.id() + "@" + a.version()));
        s.mostRead().forEach((p, list) -> list.forEach(r -> shown.add(p + r.article().id() + "@" + r.article().version() + ":" + r.views())));
        return shown;
    }

    /** The first bucket of a period ending at {@code now}: periods start on a bucket's boundary. */
    static long since(long now, Duration length) {
        long bucket = ViewCounter.BUCKET.toMillis();
        return (now - length.toMillis()) / bucket * bucket;
    }

    /** Deletes buckets older than the longest period, so the table stays small. */
    public int prune() {
        long cutoff = clock.millis() - Period.WEEK.length.plusDays(1).toMillis();
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM view_buckets WHERE bucket_start < :cutoff").bind("cutoff", cutoff).execute());
    }
}
