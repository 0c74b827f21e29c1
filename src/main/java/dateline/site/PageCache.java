package dateline.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dateline.content.SurrogateKeys;
import dateline.platform.Event;
import dateline.platform.Page;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered pages kept in memory as bytes, with a gzip variant and an ETag, bounded by size.
 *
 * <p>A derived view: entries carry surrogate keys and are evicted by the content events that name
 * one of them. A page rendered while an event was being applied is never kept stale: see
 * {@link #put}.
 */
public final class PageCache {

    private final Cache<String, Page> pages;
    private final boolean enabled;
    private final AtomicLong generation = new AtomicLong();
    private final Counter hits;
    private final Counter misses;

    public PageCache(long maxBytes, MeterRegistry metrics) {
        this.enabled = maxBytes > 0;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(Math.max(maxBytes, 1))
                .weigher((String key, Page page) -> page.weight())
                .build();
        this.hits = metrics.counter("dateline.page.cache", "result", "hit");
        this.misses = metrics.counter("dateline.page.cache", "result", "miss");
        metrics.gauge("dateline.page.cache.entries", pages, c -> c.estimatedSize());
    }

    /** Looks a page up for the fast path in front of the router: counts hits only (a miss goes on to a route). */
    public Page peek(String key) {
        Page page = enabled ? pages.getIfPresent(key) : null;
        if (page != null) {
            hits.increment();
        }
        return page;
    }

    public Optional<Page> get(String key) {
        Page page = enabled ? pages.getIfPresent(key) : null;
        (page == null ? misses : hits).increment();
        return Optional.ofNullable(page);
    }

    /** The eviction count; read it before reading the data a page is rendered from. */
    public long generation() {
        return generation.get();
    }

    /**
     * Builds a page and keeps it, unless an eviction happened since {@code generationAtStart}: then
     * the data it was rendered from may be older than the event, and the entry is dropped again.
     */
    public Page put(String key, byte[] body, Set<String> keys, String contentType, String cacheControl, long generationAtStart) {
        return put(key, body, keys, contentType, cacheControl, null, generationAtStart);
    }

    /** The same, for a response that also says when it last changed (feeds). */
    public Page put(String key, byte[] body, Set<String> keys, String contentType, String cacheControl, Instant lastModified,
                    long generationAtStart) {
        boolean compressible = contentType.startsWith("text/") || contentType.contains("xml") || contentType.contains("json");
        Page page = new Page(body, enabled && compressible ? Page.gzip(body) : null, Page.etag(body), keys, contentType, cacheControl,
                lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS));
        if (enabled) {
            pages.put(key, page);
            if (generation.get() != generationAtStart) {
                pages.invalidate(key);
            }
        }
        return page;
    }

    /** Drops every page that shows something these events changed. */
    public void evict(List<Event> events) {
        generation.incrementAndGet();
        boolean all = events.stream().anyMatch(e -> e.keys().contains(SurrogateKeys.ALL));
        if (all) {
            pages.invalidateAll();
            return;
        }
        pages.asMap().entrySet().removeIf(entry -> events.stream().anyMatch(e -> intersects(e.keys(), entry.getValue().keys())));
    }

    /** Drops every page that carries one of these keys: for changes that are not content events (Trending). */
    public void evictKeys(Set<String> keys) {
        generation.incrementAndGet();
        pages.asMap().entrySet().removeIf(entry -> intersects(keys, entry.getValue().keys()));
    }

    public void clear() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }

    public long size() {
        pages.cleanUp();
        return pages.estimatedSize();
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String key : a) {
            if (b.contains(key)) {
                return true;
            }
        }
        return false;
    }
}
