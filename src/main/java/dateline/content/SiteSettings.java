package dateline.content;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings an admin gives the site: where readers can follow it.
 *
 * @param googleNewsUrl the publication's Google News page, or empty
 * @param appUrl where to get the publication's app, or empty
 */
public record SiteSettings(String googleNewsUrl, String appUrl) {
    public static final SiteSettings NONE = new SiteSettings("", "");

    static SiteSettings of(Map<String, String> values) {
        return new SiteSettings(values.getOrDefault("follow.google_news", ""), values.getOrDefault("follow.app", ""));
    }

    Map<String, String> asMap() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("follow.google_news", googleNewsUrl);
        values.put("follow.app", appUrl);
        return values;
    }

    public boolean hasFollowLinks() {
        return !googleNewsUrl.isEmpty() || !appUrl.isEmpty();
    }
}
