package dateline.desk;

import dateline.content.Article;
import dateline.content.RevisionRepository.RevisionEntry;
import java.time.ZoneId;
import java.util.List;

/** A story's revisions, and the difference between two of them. */
public record RevisionsPage(DeskChrome chrome, ZoneId zone, Article article, List<RevisionEntry> revisions, int from, int to,
                            List<RevisionDiff.FieldDiff> diff) {

    public String display(java.time.Instant instant) {
        return dateline.site.Times.display(instant, zone);
    }
}
