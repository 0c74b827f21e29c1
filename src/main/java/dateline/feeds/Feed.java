package dateline.feeds;

import dateline.content.Article;
import java.time.Instant;
import java.util.List;

/**
 * One feed before it is written in a format: the site's, or a section's, tag's or author's.
 *
 * @param path the scope's page ("/", "/world", "/tag/energy"); the feeds live under it
 * @param keys the surrogate keys of the stories' list, for eviction and CDN purges
 */
public record Feed(String title, String description, String path, List<Article> items, List<String> keys) {
    public static final int SIZE = 30;

    /** When anything in the feed last changed: the newest publication or update among its items. */
    public Instant updated() {
        return items.stream().map(a -> a.updatedAt() != null ? a.updatedAt() : a.firstPublishedAt())
                .max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    public String feedPath(String file) {
        return (path.equals("/") ? "" : path) + "/" + file;
    }
}
