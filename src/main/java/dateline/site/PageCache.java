package dateline.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dateline.platform.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered pages kept in memory as bytes, with a gzip variant and an ETag, bounded by size.
 *
 * <p>A derived view: entries carry surrogate keys and are evicted by the content events that name
 * one of them. A page rendered while an event was being applied is never kept stale: see
 * {@link #put}.
 */
public final class PageCache {

    /** A response body ready to send: identity and gzip bytes, their ETags, and what it shows. */
    public record Page(byte[] body, byte[] gzipped, String etag, Set<String> keys, String contentType, String cacheControl,
                       java.time.Instant lastModified, String surrogateKey) {

        public Page(byte[] body, byte[] gzipped, String etag, Set<String> keys, String contentType, String cacheControl, java.time.Instant lastModified) {
            this(body, gzipped, etag, keys, contentType, cacheControl, lastModified, String.join(" ", keys));
        }

        /** The ETag of the gzip variant: a different representation needs a different strong validator. */
        public String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gz\"";
        }

        int weight() {
            return body.length + (gzipped == null ? 0 : gzipped.length) + 200;
        }
    }

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
    public Page put(String key, byte[] body, Set<String> keys, String contentType, String cacheControl, java.time.Instant lastModified,
                    long generationAtStart) {
        boolean compressible = contentType.startsWith("text/") || contentType.contains("xml") || contentType.contains("json");
        Page page = new Page(body, enabled && compressible ? gzip(body) : null, etag(body), keys, contentType, cacheControl,
                lastModified == null ? null : lastModified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
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
        boolean all = events.stream().anyMatch(e -> e.keys().contains("all"));
        if (all) {
            pages.invalidateAll();
            return;
        }
        pages.asMap().entrySet().removeIf(entry -> events.stream().anyMatch(e -> intersects(e.keys(), entry.getValue().keys())));
    }

    /** Drops every page that carries one of these keys: for changes that are not content events (Trending). */
    public void evictKeys(java.util.Set<String> keys) {
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

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A strong validator made from the bytes: CRC-32C and CRC-32 (different polynomials, both
     * hardware-assisted) and the length. Cheap enough to compute on every render.
     */
    static String etag(byte[] body) {
        CRC32C c1 = new CRC32C();
        c1.update(body);
        CRC32 c2 = new CRC32();
        c2.update(body);
        return "\"" + Long.toString(c1.getValue(), 36) + Long.toString(c2.getValue(), 36) + Integer.toString(body.length, 36) + "\"";
    }
}
