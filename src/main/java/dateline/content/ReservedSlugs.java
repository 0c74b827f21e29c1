package dateline.content;

import java.util.Set;

/**
 * The first path segments the site's own routes take ({@code desk}, {@code search}, {@code sitemaps},
 * {@code v} …), which no section may have as its address, or its page would never be reached. They
 * are read from the router once it is built ({@link #reserve}); until then (and in commands that do
 * not build it) they are {@link #ROUTES}.
 */
public final class ReservedSlugs {
    /**
     * The segments the router takes, for commands that write without building it (an import from the
     * command line while the site runs elsewhere); a test keeps this list equal to the router's.
     */
    public static final Set<String> ROUTES = Set.of("api", "atom.xml", "author", "desk", "favicon.ico", "feed.json", "feed.xml", "healthz",
            "media", "metrics", "most-read", "news-sitemap.xml", "robots.txt", "search", "sitemap.xml", "sitemaps", "static", "tag", "v");

    private volatile Set<String> taken = ROUTES;

    /** Takes these segments for the site's routes (replacing any given before). */
    public void reserve(Set<String> segments) {
        taken = Set.copyOf(segments);
    }

    public boolean contains(String slug) {
        return taken.contains(slug);
    }

    /** The reserved segments, for messages and tests. */
    public Set<String> all() {
        return taken;
    }
}
