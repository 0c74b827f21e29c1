package dateline.desk;

import dateline.content.Article;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The desk home: the signed-in writer's own drafts, then stories by workflow state, most recently
 * changed first, for every section or one.
 *
 * @param sectionId the section shown, or null for all
 * @param query the words searched for in headlines, or empty; {@code found} holds what matched
 */
public record DeskHomePage(DeskChrome chrome, ZoneId zone, List<dateline.content.Section> sections, String sectionId, String query,
                           List<Article> found, List<Article> myDrafts,
                           List<Article> inReview, List<Article> scheduled, List<Article> drafts, List<Article> published,
                           List<Article> unpublished) {

    public String display(Instant instant) {
        return dateline.site.Times.display(instant, zone);
    }

    public String iso(Instant instant) {
        return dateline.site.Times.iso(instant, zone);
    }
}
