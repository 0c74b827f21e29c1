package dateline.trending;

import dateline.platform.Database;
import dateline.platform.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Counts article views without identifying anyone: no cookies, nothing stored per person.
 *
 * <p>A view counts once per visitor, article and day: the visitor is a hash of a random salt,
 * the address, the user agent and the article, and the salt is made anew each day (UTC) and kept
 * in memory only, so yesterday's hashes cannot be linked to today's, or to anyone. Known bots are
 * ignored. Counts wait in memory until {@link #flush()} adds them to the {@code view_buckets} table;
 * a clean shutdown flushes, so no view that was answered 2xx is lost.
 */
public final class ViewCounter {
    static final Duration BUCKET = Duration.ofMinutes(5);
    private static final int MAX_PENDING_STORIES = 100_000;
    private static final Pattern BOTS = Pattern.compile(
            "(?i)bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|quora link|whatsapp|headlesschrome|phantomjs|curl|wget|python-|java/|okhttp|go-http");

    /** One day's salt and the visitors already counted that day. */
    private record Day(LocalDate date, byte[] salt, Set<String> seen) {}

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Day> day = new AtomicReference<>();
    private final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Counter accepted;
    private final Counter ignored;

    public ViewCounter(Database db, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.clock = clock;
        this.accepted = metrics.counter("dateline.views", "result", "counted");
        this.ignored = metrics.counter("dateline.views", "result", "ignored");
    }

    /** Records a view if it is a new visitor's for this story today; returns whether it counted. */
    public boolean record(String articleId, String address, String userAgent) {
        if (!Ids.looksLikeId(articleId) || userAgent == null || userAgent.isBlank() || BOTS.matcher(userAgent).find()) {
            ignored.increment();
            return false;
        }
        Day today = today();
        String visitor = hash(today.salt(), address, userAgent, articleId);
        if (!today.seen().add(visitor)) {
            ignored.increment();
            return false;
        }
        if (pending.size() >= MAX_PENDING_STORIES && !pending.containsKey(articleId)) {
            ignored.increment();
            return false;
        }
        add(articleId, 1);
        accepted.increment();
        return true;
    }

    private Day today() {
        LocalDate date = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Day current = day.get();
        if (current == null || !current.date().equals(date)) {
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            Day fresh = new Day(date, salt, ConcurrentHashMap.newKeySet());
            if (day.compareAndSet(current, fresh)) {
                return fresh;
            }
            return day.get();
        }
        return current;
    }

    private static String hash(byte[] salt, String address, String userAgent, String articleId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update((address + '\n' + userAgent + '\n' + articleId).getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest();
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds to a story's pending count; atomic with {@link #flush()}'s taking and removing of counts. */
    private void add(String articleId, long views) {
        pending.compute(articleId, (id, count) -> {
            AtomicLong c = count == null ? new AtomicLong() : count;
            c.addAndGet(views);
            return c;
        });
    }

    /** Views counted but not yet flushed, summed over all stories. */
    public long pendingViews() {
        return pending.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * Adds the counts waiting in memory to the current five-minute bucket in SQL, in one
     * transaction. Views of ids that are not published stories are dropped here. If the database
     * fails, the counts go back into memory for the next flush.
     */
    public synchronized int flush() {
        Map<String, Long> taken = new java.util.HashMap<>();
        for (String id : pending.keySet()) {
            pending.computeIfPresent(id, (k, count) -> {
                long views = count.getAndSet(0);
                if (views > 0) {
                    taken.put(k, views);
                }
                return null; // removed; a concurrent view re-creates the entry after this
            });
        }
        if (taken.isEmpty()) {
            return 0;
        }
        long bucket = clock.millis() / BUCKET.toMillis() * BUCKET.toMillis();
        try {
            db.jdbi().useTransaction(h -> {
                var batch = h.prepareBatch("INSERT INTO view_buckets (article_id, bucket_start, views) "
                        + "SELECT CAST(:id AS VARCHAR(16)), CAST(:bucket AS BIGINT), CAST(:views AS BIGINT) "
                        + "WHERE EXISTS (SELECT 1 FROM articles WHERE id = :id AND status = 'published') "
                        + "ON CONFLICT (article_id, bucket_start) DO UPDATE SET views = view_buckets.views + excluded.views");
                for (Map.Entry<String, Long> entry : taken.entrySet()) {
                    batch.bind("id", entry.getKey()).bind("bucket", bucket).bind("views", entry.getValue()).add();
                }
                batch.execute();
            });
        } catch (RuntimeException e) {
            taken.forEach(this::add);
            throw e;
        }
        return taken.size();
    }
}
