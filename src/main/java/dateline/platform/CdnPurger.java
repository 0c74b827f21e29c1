package dateline.platform;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells a CDN which cached responses changed: for each batch of content events, one POST to the
 * configured purge URL with the events' surrogate keys in a {@code Surrogate-Key} header (the form
 * Fastly's and Varnish's purge-by-key endpoints take), plus an optional header such as an API token.
 */
public final class CdnPurger {
    private final Notifier notifier;
    private final String url;
    private final String extraHeader;

    public CdnPurger(Notifier notifier, String url, String extraHeader) {
        this.notifier = notifier;
        this.url = url;
        this.extraHeader = extraHeader;
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    public void purge(List<Event> events) {
        Set<String> keys = new LinkedHashSet<>();
        events.forEach(e -> keys.addAll(e.keys()));
        purgeKeys(keys);
    }

    /** Purges these keys: for changes that are not content events (the Trending lists, recomputed every minute). */
    public void purgeKeys(Set<String> keys) {
        if (keys.isEmpty() || !enabled()) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Surrogate-Key", String.join(" ", keys));
        if (!extraHeader.isEmpty()) {
            int colon = extraHeader.indexOf(':');
            headers.put(extraHeader.substring(0, colon).strip(), extraHeader.substring(colon + 1).strip());
        }
        notifier.post("cdn purge", url, headers, "");
    }
}
