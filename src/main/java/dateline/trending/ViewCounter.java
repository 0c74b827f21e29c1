package dateline.trending;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts article views without identifying anyone: no cookies, nothing stored per person.
 *
 * <p>A view counts once per visitor, article and day: the visitor is a hash of a random salt,
 * the address, the user agent and the article, and the salt is made anew each day (UTC) and kept
 * in memory only, so yesterday's hashes cannot be linked to today's, or to anyone. Known bots are
 * ignored. Counts wait in memory until {@link #flush()} adds them to the {@code view_buckets} table;
 * a clean shutdown flushes, so no view that was answered 2xx is lost.
 *
 * <p>Its memory is bounded whatever a client sends: the visitors seen today are a fixed-size filter
 * ({@link SeenVisitors}), only ids of published stories are counted (checked against SQL at most
 * {@link #LOOKUPS_PER_SECOND} times a second, answers remembered), and one address counts at most
 * {@link #PER_ADDRESS_PER_MINUTE} views a minute, so rotating user agents cannot push a story up.
 */
public final class ViewCounter {
    /** Views are stored per story in buckets of this length. */
    public static final Duration BUCKET = Duration.ofMinutes(5);
    private static final int MAX_PENDING_STORIES = 100_000;
    /** Words of user agents that are not readers (lower case); a plain search is twenty times cheaper than a regex. */
    private static final List<String> BOT_WORDS = List.of("bot", "crawl", "spider", "slurp", "preview", "facebookexternalhit", "embedly",
            "quora link", "whatsapp", "headlesschrome", "phantomjs", "curl", "wget", "python-", "java/", "okhttp", "go-http");

    /** The most views one address counts in a minute (a newsroom's office, a campus behind one NAT). */
    public static final int PER_ADDRESS_PER_MINUTE = 120;
    /** The most look-ups a second of ids not yet known to be a published story or not. */
    static final int LOOKUPS_PER_SECOND = 50;
    private static final int ADDRESS_SLOTS = 1 << 16;
    private static final int KNOWN_IDS = 200_000;

    /** One day's salt and the visitors already counted that day. */
    private record Day(LocalDate date, byte[] salt, SeenVisitors seen) {}

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Day> day = new AtomicReference<>();
    private final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Counter accepted;
    private final Counter ignored;

    /**
     * Views counted this minute per address, in a fixed table: an address hashes to one of
     * {@link #ADDRESS_SLOTS} slots holding (minute, count); two addresses that share a slot share a limit.
     */
    private final AtomicLongArray perAddress = new AtomicLongArray(ADDRESS_SLOTS);
    /** Whether an id is a published story, as last looked up (an unpublished one is dropped at flush anyway). */
    private final Cache<String, Boolean> published = Caffeine.newBuilder().maximumSize(KNOWN_IDS)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final AtomicLong lookupSecond = new AtomicLong();
    private final AtomicInteger lookups = new AtomicInteger();

    public ViewCounter(Database db, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.clock = clock;
        this.accepted = metrics.counter("dateline.views", "result", "counted");
        this.ignored = metrics.counter("dateline.views", "result", "ignored");
    }

    /** Records a view if it is a new visitor's for this story today; returns whether it counted. */
    public boolean record(String articleId, String address, String userAgent) {
        if (!Ids.looksLikeId(articleId) || userAgent == null || userAgent.isBlank() || isBot(userAgent)) {
            ignored.increment();
            return false;
        }
        if (!isPublished(articleId) || !withinAddressLimit(address)) {
            ignored.increment();
            return false;
        }
        Day today = today();
        if (!today.seen().add(hash(today.salt(), address, userAgent, articleId))) {
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

    static boolean isBot(String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String word : BOT_WORDS) {
            if (agent.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the id is a published story: from memory, or from SQL while look-ups are under their rate. */
    private boolean isPublished(String articleId) {
        Boolean known = published.getIfPresent(articleId);
        if (known != null) {
            return known;
        }
        long second = clock.millis() / 1000;
        if (lookupSecond.getAndSet(second) != second) {
            lookups.set(0);
        }
        if (lookups.incrementAndGet() > LOOKUPS_PER_SECOND) {
            return false; // a flood of unknown ids: not counted, nothing remembered
        }
        boolean isPublished = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM articles WHERE id = :id AND status = 'published'")
                .bind("id", articleId).mapTo(Integer.class).one()) > 0;
        published.put(articleId, isPublished);
        return isPublished;
    }

    private boolean withinAddressLimit(String address) {
        long minute = clock.millis() / 60_000;
        int slot = ((address == null ? 0 : address.hashCode()) * 0x9E3779B9) >>> 16;
        long now = perAddress.updateAndGet(slot, packed -> (packed >>> 32) == minute ? packed + 1 : (minute << 32) | 1);
        return (int) now <= PER_ADDRESS_PER_MINUTE;
    }

    /** Forgets what is known of a story's state (this node changed it); the next view looks it up again. */
    public void forget(String articleId) {
        published.invalidate(articleId);
    }

    /** How many story ids the counter remembers the state of: bounded, whatever is sent. */
    long rememberedIds() {
        published.cleanUp();
        return published.estimatedSize();
    }

    private Day today() {
        LocalDate date = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Day current = day.get();
        if (current == null || !current.date().equals(date)) {
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            Day fresh = new Day(date, salt, new SeenVisitors());
            if (day.compareAndSet(current, fresh)) {
                return fresh;
            }
            return day.get();
        }
        return current;
    }

    private static byte[] hash(byte[] salt, String address, String userAgent, String articleId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update((address + '\n' + userAgent + '\n' + articleId).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
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
        Map<String, Long> taken = new HashMap<>();
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
