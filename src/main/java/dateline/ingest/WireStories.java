package dateline.ingest;

import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.ContentService.Step;
import dateline.content.Section;
import dateline.content.Slugs;
import dateline.content.TaxonomyRepository;
import dateline.ingest.WireItem.PubStatus;
import dateline.ingest.WireQueue.QueueItem;
import dateline.ingest.WireSources.Source;
import dateline.platform.Conflict;
import dateline.platform.Database;
import dateline.platform.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stories made from wire items, through the content service (one transaction and event each, as any
 * story), with the link back to the item written in the same transaction. Editors use an item (a
 * draft, or published at once); a source set to automatic wire-to-web publishes its items itself.
 * Later versions update an automatic story unless someone edited it in the desk since (then the story
 * is flagged instead); a kill unpublishes it.
 */
public final class WireStories {
    private static final Logger log = LoggerFactory.getLogger(WireStories.class);
    public static final String WIRE_ACTOR = "wire";
    private static final int MAX_TAGS = 10;

    /** A story's link to the item it was made from, as the desk shows it on the story. */
    public record Flag(String itemId, String agency, int storyItemVersion, int itemVersion, PubStatus status, Instant embargoUntil,
                       boolean underEmbargo) {
        /** The agency sent a later version than the story shows. */
        public boolean newerVersion() {
            return itemVersion > storyItemVersion;
        }
    }

    /** A story made from an item, for the item's page. */
    public record Made(String articleId, int itemVersion, boolean automatic, Instant madeAt) {}

    private final Database db;
    private final WireQueue queue;
    private final WireSources sources;
    private final ContentService content;
    private final ArticleRepository articles;
    private final TaxonomyRepository taxonomy;
    private final Clock clock;

    public WireStories(Database db, WireQueue queue, WireSources sources, ContentService content, ArticleRepository articles,
                       TaxonomyRepository taxonomy, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.sources = sources;
        this.content = content;
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.clock = clock;
        queue.followWith(this);
    }

    /**
     * Makes a story from an item: a draft, or published at once when {@code publish} (refused while the
     * item is under embargo, with its time; nothing is made then).
     */
    public Article use(String itemId, boolean publish, String actor) {
        QueueItem item = queue.find(itemId).orElseThrow(() -> new NotFound("There is no wire item with this id."));
        if (item.item().pubStatus() != PubStatus.USABLE) {
            throw new Conflict("The agency has " + (item.item().pubStatus() == PubStatus.CANCELED ? "killed" : "withheld")
                    + " this item: it cannot be used.");
        }
        Source source = sources.byId(item.sourceId()).orElseThrow();
        return content.createFromCopy(draft(item, source), item.item().embargoUntil(), publish ? Step.PUBLISH : Step.SAVE, null, actor,
                (h, story) -> link(h, item, story, false));
    }

    /** Called by the queue after an item arrived or changed: automatic sources publish, kills take stories down. */
    void follow(String itemId, Source source) {
        QueueItem item = queue.find(itemId).orElseThrow();
        try {
            List<Link> links = links(itemId);
            if (links.isEmpty()) {
                if (source.autoPublish() && item.item().pubStatus() == PubStatus.USABLE && isStory(item.item())) {
                    Instant embargo = item.item().embargoUntil();
                    boolean held = embargo != null && clock.instant().isBefore(embargo);
                    content.createFromCopy(draft(item, source), embargo, held ? Step.SCHEDULE : Step.PUBLISH, held ? embargo : null, WIRE_ACTOR,
                            (h, story) -> link(h, item, story, true));
                }
                return;
            }
            for (Link link : links) {
                Article story = articles.findById(link.articleId()).orElse(null);
                if (story == null) {
                    continue;
                }
                boolean untouched = story.version() == link.articleVersion();
                PubStatus status = item.item().pubStatus();
                if (status == PubStatus.CANCELED && story.isPublished() && (link.automatic() || source.autoPublish())) {
                    // a kill: the agency withdrew the copy, so the story comes down whoever edited it
                    content.updateFromCopy(story.id(), story.version(), null, item.item().embargoUntil(), Step.UNPUBLISH, WIRE_ACTOR,
                            (h, after) -> relink(h, item, after, link.itemVersion()));
                } else if (link.automatic() && untouched && status == PubStatus.USABLE) {
                    content.updateFromCopy(story.id(), story.version(), draft(item, source).withSlug(story.slug())
                                    .withSectionId(story.section().id()), item.item().embargoUntil(), Step.SAVE, WIRE_ACTOR,
                            (h, after) -> relink(h, item, after, item.version()));
                }
                // otherwise the story is flagged: its link names an older item version than the queue holds
            }
        } catch (RuntimeException e) {
            // the item is safely in the queue; the desk shows it, and an editor can use it by hand
            log.warn("wire item={} source={} could not be followed into its story: {}", itemId, source.name(), e.getMessage());
        }
    }

    private static boolean isStory(WireItem item) {
        return (item.type().equals("text") || item.type().equals("composite")) && !item.headline().isEmpty() && !item.bodyHtml().isEmpty();
    }

    /** The draft a story starts from: the copy's words, the source's section and agency, tags from subjects and keywords. */
    ArticleDraft draft(QueueItem queued, Source source) {
        WireItem item = queued.item();
        // the standfirst is the agency's summary, else the first paragraph (then not repeated in the body)
        String standfirst = !item.description().isEmpty() ? item.description() : WireText.firstParagraph(item.bodyHtml());
        String body = !item.description().isEmpty() || standfirst.isEmpty() ? item.bodyHtml() : WireText.withoutFirstParagraph(item.bodyHtml());
        Set<String> tags = new LinkedHashSet<>();
        item.subjects().stream().map(WireItem.Subject::name).filter(n -> !n.isBlank()).forEach(tags::add);
        tags.addAll(item.keywords());
        List<String> tagNames = tags.stream().map(String::strip).filter(t -> t.length() <= 100 && !Slugs.slugify(t).isEmpty())
                .limit(MAX_TAGS).toList();
        String sectionId = Optional.ofNullable(source.sectionId()).or(() -> taxonomy.sections().stream().findFirst().map(Section::id)).orElse(null);
        String language = item.language().matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*") ? item.language() : "en";
        return new ArticleDraft(WireText.cut(item.title(), 300), WireText.cut(standfirst, 2000), body, WireText.cut(item.datelinePlace(), 200), sectionId,
                List.of(), tagNames, null, language, WireText.cut(source.agency(), 200), null);
    }

    private record Link(String articleId, int itemVersion, int articleVersion, boolean automatic) {}

    private List<Link> links(String itemId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT article_id, item_version, article_version, automatic FROM wire_stories WHERE item_id = :id")
                .bind("id", itemId).map((rs, ctx) -> new Link(rs.getString("article_id"), rs.getInt("item_version"), rs.getInt("article_version"),
                        rs.getInt("automatic") == 1)).list());
    }

    private void link(Handle h, QueueItem item, Article story, boolean automatic) {
        h.createUpdate("""
                INSERT INTO wire_stories (item_id, article_id, item_version, article_version, automatic, made_at)
                VALUES (:item, :article, :itemVersion, :articleVersion, :auto, :at)""")
                .bind("item", item.id()).bind("article", story.id()).bind("itemVersion", item.version()).bind("articleVersion", story.version())
                .bind("auto", automatic ? 1 : 0).bind("at", clock.millis()).execute();
    }

    private static void relink(Handle h, QueueItem item, Article story, int itemVersion) {
        h.createUpdate("UPDATE wire_stories SET item_version = :itemVersion, article_version = :articleVersion WHERE item_id = :item AND article_id = :article")
                .bind("itemVersion", itemVersion).bind("articleVersion", story.version()).bind("item", item.id()).bind("article", story.id()).execute();
    }

    /** The stories made from an item. */
    public List<Made> made(String itemId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT article_id, item_version, automatic, made_at FROM wire_stories WHERE item_id = :id ORDER BY made_at")
                .bind("id", itemId).map((rs, ctx) -> new Made(rs.getString("article_id"), rs.getInt("item_version"), rs.getInt("automatic") == 1,
                        Instant.ofEpochMilli(rs.getLong("made_at")))).list());
    }

    /** The wire item a story was made from, with what the desk must flag (a later version, a kill, an embargo). */
    public Optional<Flag> flag(String articleId) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT w.item_id, s.agency, w.item_version, i.version, i.pub_status, i.embargo_until
                FROM wire_stories w JOIN wire_items i ON i.id = w.item_id JOIN wire_sources s ON s.id = i.source_id
                WHERE w.article_id = :id ORDER BY w.made_at DESC""").bind("id", articleId)
                .map((rs, ctx) -> new Flag(rs.getString("item_id"), rs.getString("agency"), rs.getInt("item_version"), rs.getInt("version"),
                        PubStatus.parse(rs.getString("pub_status")), WireSources.instant(rs, "embargo_until"),
                        WireSources.instant(rs, "embargo_until") != null && clock.instant().isBefore(WireSources.instant(rs, "embargo_until"))))
                .findFirst());
    }
}
