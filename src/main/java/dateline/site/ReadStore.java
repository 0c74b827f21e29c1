package dateline.site;

import dateline.content.SurrogateKeys;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.platform.Event;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whole stories kept in memory by slug, so that rendering an article page after its cached page was
 * evicted (a navigation change evicts them all) does not go to the database each time.
 *
 * <p>A derived view like the page cache: events naming {@code article:ID} drop that story, and
 * {@code nav} or {@code all} drop everything (stories embed their section).
 */
public final class ReadStore {
    private final ArticleRepository articles;
    private final Cache<String, Article> bySlug;
    private final boolean enabled;
    private final AtomicLong generation = new AtomicLong();

    public ReadStore(ArticleRepository articles, int maxEntries) {
        this.articles = articles;
        this.enabled = maxEntries > 0;
        this.bySlug = Caffeine.newBuilder().maximumSize(Math.max(maxEntries, 1)).build();
    }

    /** The story that has this slug now, from memory or else from the database. */
    public Optional<Article> articleBySlug(String slug) {
        Article cached = enabled ? bySlug.getIfPresent(slug) : null;
        if (cached != null) {
            return Optional.of(cached);
        }
        long generationAtStart = generation.get();
        Optional<Article> loaded = articles.findBySlug(slug);
        if (enabled && loaded.isPresent()) {
            bySlug.put(slug, loaded.get());
            if (generation.get() != generationAtStart) { // an event arrived while we read: the copy may predate it
                bySlug.invalidate(slug);
            }
        }
        return loaded;
    }

    public void evict(List<Event> events) {
        generation.incrementAndGet();
        for (Event event : events) {
            if (event.keys().contains(SurrogateKeys.ALL) || event.keys().contains(SurrogateKeys.NAV)) {
                bySlug.invalidateAll();
                return;
            }
        }
        bySlug.asMap().values().removeIf(article -> events.stream().anyMatch(e -> e.keys().contains(SurrogateKeys.article(article.id()))));
    }

    public void clear() {
        generation.incrementAndGet();
        bySlug.invalidateAll();
    }
}
