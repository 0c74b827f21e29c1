package dateline.desk;

import dateline.content.Article;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The desk home: stories by workflow state, most recently changed first. */
public record DeskHomePage(DeskChrome chrome, ZoneId zone, List<Article> drafts, List<Article> inReview,
                           List<Article> scheduled, List<Article> published) {

    public String display(Instant instant) {
        return dateline.site.Times.display(instant, zone);
    }

    public String iso(Instant instant) {
        return dateline.site.Times.iso(instant, zone);
    }
}
