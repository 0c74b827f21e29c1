package dateline.platform;

/**
 * Something computed from the SQL database that can be thrown away and made again from it
 * (page cache, search index, feeds …). {@code dateline rebuild} calls {@link #rebuild()} on each.
 */
public interface DerivedView {
    String name();

    /** Discards this view's state and recomputes it from SQL. May take a while; blocks until done. */
    void rebuild();
}
