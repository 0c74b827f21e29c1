package dateline.site;

import dateline.platform.Times;
import dateline.platform.StaticAssets;
import dateline.content.Urls;
import dateline.content.BreakingNews;
import dateline.content.Article;
import dateline.content.Section;
import dateline.content.StaticPage;
import dateline.content.SiteSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What every page's frame shows: the masthead, section navigation and footer, plus the helpers
 * templates use to write times and addresses in the site's zone.
 *
 * @param currentPath the page's own path, for the canonical link and {@code aria-current}
 */
public record Chrome(String siteName, String siteUrl, List<Section> sections, StaticAssets assets, SiteSettings settings,
                     ZoneId zone, String currentPath, BreakingNews.Strip breaking, List<StaticPage> pages) {

    /** A frame without static pages in its footer. */
    public Chrome(String siteName, String siteUrl, List<Section> sections, StaticAssets assets, SiteSettings settings, ZoneId zone,
                  String currentPath, BreakingNews.Strip breaking) {
        this(siteName, siteUrl, sections, assets, settings, zone, currentPath, breaking, List.of());
    }

    /** Where the breaking-news strip links to (only when there is one). */
    public String breakingUrl() {
        return Urls.article(breaking.firstPublishedAt(), breaking.slug(), zone);
    }

    public String canonical() {
        return siteUrl + currentPath;
    }

    public boolean isCurrent(Section section) {
        return currentPath.equals(Urls.section(section));
    }

    public String url(Article article) {
        return Urls.article(article, zone);
    }

    public String iso(Instant instant) {
        return Times.iso(instant, zone);
    }

    public String display(Instant instant) {
        return Times.display(instant, zone);
    }

    public Section section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
