package dateline.content;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings an admin gives the site: where readers can follow it, and its icon.
 *
 * @param googleNewsUrl the publication's Google News page, or empty
 * @param appUrl where to get the publication's app, or empty
 * @param iconImageId the image (from the library) browsers show as the site's icon, or empty for the default
 */
public record SiteSettings(String googleNewsUrl, String appUrl, String iconImageId) {
    public static final SiteSettings NONE = new SiteSettings("", "", "");

    /** Follow links only, with the default icon. */
    public SiteSettings(String googleNewsUrl, String appUrl) {
        this(googleNewsUrl, appUrl, "");
    }

    static SiteSettings of(Map<String, String> values) {
        return new SiteSettings(values.getOrDefault("follow.google_news", ""), values.getOrDefault("follow.app", ""),
                values.getOrDefault("site.icon", ""));
    }

    Map<String, String> asMap() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("follow.google_news", googleNewsUrl);
        values.put("follow.app", appUrl);
        values.put("site.icon", iconImageId);
        return values;
    }

    public boolean hasFollowLinks() {
        return !googleNewsUrl.isEmpty() || !appUrl.isEmpty();
    }
}
