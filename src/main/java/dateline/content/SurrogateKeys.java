package dateline.content;

import dateline.platform.Event;
import java.util.Collection;

/**
 * The surrogate keys that events, cached pages and CDN purges share: a page carries the keys of what
 * it shows, an event names the keys of what it changed, and a page is dropped when they meet.
 *
 * <p>Keys of one thing are {@code kind:ID} ({@link #article}, {@link #section} …); the others name
 * a whole group of pages.
 */
public final class SurrogateKeys {
    /** The front page, and everything that lists the latest stories (feeds, sitemaps). */
    public static final String HOME = "home";
    /** Every page that shows the site's navigation: all HTML pages. */
    public static final String NAV = "nav";
    /** Everything: the whole site changed at once (an import). */
    public static final String ALL = "all";
    /** The breaking-news strip. */
    public static final String BREAKING = "breaking";
    /** The site settings (the follow line, app links). */
    public static final String SETTINGS = "settings";
    /** Every feed (RSS, Atom, JSON Feed) of every scope. */
    public static final String FEED = "feed";
    /** Pages that show the Trending or Most read lists. */
    public static final String TRENDING = "trending";

    private SurrogateKeys() {}

    public static String article(String id) {
        return "article:" + id;
    }

    public static String section(String id) {
        return "section:" + id;
    }

    public static String tag(String id) {
        return "tag:" + id;
    }

    public static String author(String id) {
        return "author:" + id;
    }

    public static String image(String id) {
        return "image:" + id;
    }

    /** Whether any event of the batch names this key. */
    public static boolean touched(Collection<Event> batch, String key) {
        return batch.stream().anyMatch(e -> e.keys().contains(key));
    }

    /** A static page (About, Contact …). */
    public static String page(String id) {
        return "page:" + id;
    }
}
