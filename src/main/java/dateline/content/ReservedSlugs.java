package dateline.content;

import java.util.Set;

/**
 * The first path segments the site's own routes take ({@code desk}, {@code search}, {@code sitemaps},
 * {@code v} …), which no section may have as its address, or its page would never be reached. They
 * are read from the router once it is built ({@link #reserve}), never kept by hand.
 */
public final class ReservedSlugs {
    private volatile Set<String> taken = Set.of();

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
