package dateline.desk;

import dateline.platform.Times;
import dateline.content.Article;
import dateline.content.Section;
import dateline.content.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import dateline.trending.Readership;
import dateline.trending.TrendingList;
import java.util.Optional;

/**
 * The desk home: the signed-in writer's own drafts, then stories by workflow state, most recently
 * changed first, for every section or one. Each list shows its first stories and how many there
 * are; one list can be shown alone, a page at a time.
 *
 * @param sectionId the section shown, or null for all
 * @param query the words searched for in headlines, or empty; {@code found} holds what matched
 * @param alone true when {@code lists} is the one list asked for, shown a page at a time
 * @param views the views of the published stories shown (a story nobody read is absent)
 * @param now the stories most read in the last hour
 * @param byViews whether the published list is ranked by views in 24 hours instead of by time
 */
public record DeskHomePage(DeskChrome chrome, ZoneId zone, List<Section> sections, String sectionId, String query,
                           List<Article> found, List<StoryList> lists, boolean alone, Map<String, Readership.Counts> views,
                           List<TrendingList.Ranked> now, boolean byViews) {

    /** How many of the newest published stories "most read first" ranks. */
    public static final int RANKED = 200;

    public Readership.Counts viewsOf(Article article) {
        return views.getOrDefault(article.id(), Readership.Counts.NONE);
    }

    /** The address of the published list sorted the other way, keeping the section and page. */
    public String sortLink(Shelf shelf) {
        String base = alone ? listLink(shelf, 1) : "/desk" + (sectionId == null ? "" : "?section=" + sectionId);
        return base + (byViews ? "" : (base.contains("?") ? "&" : "?") + "sort=views");
    }

    /** The lists of the desk home, in the order shown; {@code id} is also the list's address. */
    public enum Shelf {
        MINE("my-drafts", "My drafts", Status.DRAFT, true),
        REVIEW("in-review", "In review", Status.REVIEW, false),
        SCHEDULED("scheduled", "Scheduled", Status.SCHEDULED, false),
        DRAFTS("drafts", "All drafts", Status.DRAFT, false),
        PUBLISHED("published", "Recently published", Status.PUBLISHED, false),
        UNPUBLISHED("unpublished", "Unpublished", Status.UNPUBLISHED, false);

        public final String id;
        public final String heading;
        public final Status status;
        public final boolean mine;

        Shelf(String id, String heading, Status status, boolean mine) {
            this.id = id;
            this.heading = heading;
            this.status = status;
            this.mine = mine;
        }

        static Optional<Shelf> byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }
    }

    /** One list: the stories shown, how many there are in all, and which page this is (from 1). */
    public record StoryList(Shelf shelf, List<Article> articles, int total, int page, int pageSize) {
        public boolean hasOlder() {
            return page * pageSize < total;
        }
    }

    public String display(Instant instant) {
        return Times.display(instant, zone);
    }

    public String iso(Instant instant) {
        return Times.iso(instant, zone);
    }

    /** The address of a list shown alone, for this section, at a page. */
    public String listLink(Shelf shelf, int page) {
        return "/desk?list=" + shelf.id + (sectionId == null ? "" : "&section=" + sectionId) + (page > 1 ? "&page=" + page : "");
    }
}
