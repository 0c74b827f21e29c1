package dateline.site;

import dateline.platform.Page;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.platform.Event;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageCacheTest {
    final PageCache cache = new PageCache(1 << 20, new SimpleMeterRegistry());

    static Event event(String... keys) {
        return new Event(1, Instant.EPOCH, "article.updated", "x", Set.of(keys));
    }

    @Test
    void an_event_evicts_exactly_the_pages_that_carry_one_of_its_keys() {
        cache.put("/a", "a".getBytes(), Set.of("article:1", "nav"), "text/html", "public, no-cache", cache.generation());
        cache.put("/b", "b".getBytes(), Set.of("article:2", "nav"), "text/html", "public, no-cache", cache.generation());
        cache.put("/", "home".getBytes(), Set.of("home", "nav"), "text/html", "public, no-cache", cache.generation());

        cache.evict(List.of(event("article:1", "home")));

        assertThat(cache.get("/a")).isEmpty();
        assertThat(cache.get("/")).isEmpty();
        assertThat(cache.get("/b")).isPresent();
    }

    @Test
    void a_page_rendered_before_an_eviction_is_served_once_but_not_kept() {
        long generationWhenRenderStarted = cache.generation();
        cache.evict(List.of(event("article:1")));

        Page page = cache.put("/a", "stale".getBytes(), Set.of("article:1"), "text/html", "public, no-cache", generationWhenRenderStarted);

        assertThat(page.body()).isEqualTo("stale".getBytes());
        assertThat(cache.get("/a")).isEmpty();
    }

    @Test
    void text_pages_get_a_gzip_variant_and_a_strong_etag_but_images_are_not_recompressed() {
        Page html = cache.put("/a", "<p>hello</p>".getBytes(), Set.of(), "text/html; charset=utf-8", "public, no-cache", cache.generation());
        Page jpeg = cache.put("/i.jpg", new byte[] {1, 2}, Set.of(), "image/jpeg", "public", cache.generation());

        assertThat(html.gzipped()).isNotNull();
        assertThat(html.etag()).matches("\"[a-z0-9]+\"");
        assertThat(jpeg.gzipped()).isNull();
    }

    @Test
    void a_zero_size_cache_keeps_nothing() {
        PageCache off = new PageCache(0, new SimpleMeterRegistry());

        off.put("/a", "a".getBytes(), Set.of(), "text/html", "public", off.generation());

        assertThat(off.get("/a")).isEmpty();
    }
}
