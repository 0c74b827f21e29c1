package dateline.content;

import dateline.platform.Conflict;
import dateline.platform.Database;
import dateline.platform.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;

/**
 * The only write path for content. Every method is one transaction that changes the tables,
 * stores a revision where a story changed, and appends one event to the content event log.
 *
 * <p>Story changes are optimistic: each names the version it was based on, and a stale one is
 * refused with {@link Conflict} without touching anything.
 *
 * <p>This class is the entry point only; the work is done by small rooms of this package that share
 * one transaction helper ({@link Writes}): {@link StoryEdits} and {@link StoryWorkflow} for stories,
 * {@link TaxonomyWrites}, {@link ImageWrites}, {@link FrontPageWrites} and {@link SiteWrites}.
 */
public final class ContentService {
    public static final String STALE_VERSION = "This story was changed by someone else (now at version %d; your change was based on version %d). Reload it and apply your change again.";
    /** How many stories an editor may choose to lead the front page; the lead story is the first. */
    public static final int FRONT_PAGE_CHOICES = 6;
    /** The longest line the breaking-news strip takes. */
    public static final int BREAKING_MAX = 140;
    /** The advisory lock key of scheduled publishing. */
    public static final long SCHEDULER_LOCK = StoryWorkflow.SCHEDULER_LOCK;

    /** An image sent with a story's form to become its lead image: stored in the same transaction as the story. */
    public record NewImage(ImageUpload.Checked checked, String altText, String caption, String credit) {}

    /** What the desk asks for along with a save. */
    public enum Step { SAVE, SUBMIT, WITHDRAW, SEND_BACK, PUBLISH, UNPUBLISH, SCHEDULE, CORRECT }

    private final Writes writes;
    private final StoryStore store;
    private final StoryEdits edits;
    private final StoryWorkflow workflow;
    private final TaxonomyWrites taxonomy;
    private final ImageWrites images;
    private final FrontPageWrites front;
    private final SiteWrites site;
    private final StoryImports imports;
    private final PageWrites pages;
    private final ImageRepository imageRepository;
    private final StaticPages staticPages;

    public ContentService(Database db, EventLog events, ArticleRepository articles, TaxonomyRepository taxonomy,
                          SettingsRepository settings, BreakingNews breaking, ImageRepository images, RevisionRepository revisions,
                          ReservedSlugs reserved, Clock clock) {
        ArticleWrites rows = new ArticleWrites();
        this.writes = new Writes(db, events, clock);
        this.store = new StoryStore(writes, articles, rows, revisions);
        this.taxonomy = new TaxonomyWrites(writes, taxonomy, rows, reserved);
        this.edits = new StoryEdits(writes, store, this.taxonomy, new ArticleDraftValidator(articles, rows, taxonomy, images));
        this.workflow = new StoryWorkflow(writes, store);
        this.images = new ImageWrites(writes, images, articles);
        this.front = new FrontPageWrites(writes, articles, rows, breaking);
        this.site = new SiteWrites(writes, settings, taxonomy);
        this.imageRepository = images;
        this.staticPages = new StaticPages(db);
        this.pages = new PageWrites(writes, staticPages, taxonomy, reserved);
        this.imports = new StoryImports(writes, store, this.taxonomy, new ArticleDraftValidator(articles, rows, taxonomy, images));
    }

    public Section createSection(String name, String slug, String description, int position) {
        return taxonomy.createSection(name, slug, description, position);
    }

    public Author createAuthor(String name, String jobTitle, String bio) {
        return taxonomy.createAuthor(name, jobTitle, bio);
    }

    /**
     * Stores an image with its renditions; {@link ImageUpload#check} has already read the file (outside
     * the transaction: decoding and encoding take a while).
     */
    public Image addImage(ImageUpload.Checked checked, String altText, String caption, String credit) {
        return images.add(checked, altText, caption, credit);
    }

    /**
     * Changes an image's alt text, caption and credit. Stories that lead with it show the new words at
     * once, so each gets an event (their pages and cards are refreshed); no story changes version, as
     * none of their own fields changed. Images inside a body keep the words written there.
     */
    public Image describeImage(String id, String altText, String caption, String credit) {
        return images.describe(id, altText, caption, credit);
    }

    /**
     * The story as it would be with this draft saved (for a new story, {@code id} is null), checked and
     * sanitized exactly as a save would do it, but with nothing kept: the transaction is rolled back.
     */
    public Article preview(String id, ArticleDraft draft) {
        ArticleDraftValidator.checkLimits(draft);
        return writes.dryRun(h -> id == null ? edits.create(h, draft, null)
                : edits.edit(h, id, store.find(h, id).version(), draft, null, "edit"));
    }

    /** Creates a story as a draft (version 1). */
    public Article create(ArticleDraft draft, String actor) {
        return create(draft, actor, null);
    }

    /** The same, with a new lead image stored in the same transaction (a refused story keeps no image). */
    public Article create(ArticleDraft draft, String actor, NewImage leadImage) {
        ArticleDraftValidator.checkLimits(draft);
        return writes.run(h -> edits.create(h, leadImage == null ? draft : draft.withLeadImageId(store(h, leadImage)), actor));
    }

    private String store(Handle h, NewImage image) {
        return images.addIn(h, image.checked(), image.altText(), image.caption(), image.credit()).id();
    }

    /** Replaces a story's fields. On a published story this sets the public "Updated" time. */
    public Article edit(String id, int baseVersion, ArticleDraft draft, String actor) {
        ArticleDraftValidator.checkLimits(draft);
        return writes.run(h -> edits.edit(h, id, baseVersion, draft, actor, "edit"));
    }

    /** The same as {@link #edit}, recorded in the revisions as the desk's automatic save. */
    public Article autosave(String id, int baseVersion, ArticleDraft draft, String actor) {
        ArticleDraftValidator.checkLimits(draft);
        return writes.run(h -> edits.edit(h, id, baseVersion, draft, actor, "autosave"));
    }

    /** A writer hands a draft to the editors. */
    public Article submitForReview(String id, int baseVersion, String actor) {
        return step(id, baseVersion, Step.SUBMIT, null, null, actor);
    }

    public Article publish(String id, int baseVersion, String actor) {
        return step(id, baseVersion, Step.PUBLISH, null, null, actor);
    }

    public Article unpublish(String id, int baseVersion, String actor) {
        return step(id, baseVersion, Step.UNPUBLISH, null, null, actor);
    }

    /** Sets a story to publish itself at {@code at}; {@link #publishDue} does it when the time comes. */
    public Article schedule(String id, int baseVersion, Instant at, String actor) {
        return step(id, baseVersion, Step.SCHEDULE, at, null, actor);
    }

    /**
     * Returns a story in review, or a scheduled one, to draft: an editor sends it back to its writer
     * (saying why in {@code note}, which the writer sees), or takes it off the schedule.
     */
    public Article sendBack(String id, int baseVersion, String note, String actor) {
        return step(id, baseVersion, Step.SEND_BACK, null, note, actor);
    }

    /** Attaches a public correction note; it sets the "Updated" time of a published story. */
    public Article correct(String id, int baseVersion, String note, String actor) {
        return step(id, baseVersion, Step.CORRECT, null, note, actor);
    }

    private Article step(String id, int baseVersion, Step step, Instant at, String note, String actor) {
        return writes.run(h -> workflow.take(h, store.current(h, id, baseVersion), baseVersion, step, at, note, actor));
    }

    /**
     * Publishes every scheduled story whose time has come, including ones missed while the server was
     * down; with several app nodes on PostgreSQL one node at a time does it, so each is published once.
     */
    public int publishDue(String actor) {
        return workflow.publishDue(actor);
    }

    /**
     * The desk's buttons: saves the form's changes (if {@code changes} is not null) and takes the step,
     * in one transaction, so a refused step (a past schedule time, an empty correction) keeps nothing
     * and the form can be sent again as it is.
     *
     * @param at the publication time, for {@link Step#SCHEDULE}
     * @param note the public correction, for {@link Step#CORRECT}; the word to the writer, for {@link Step#SEND_BACK}
     */
    public Article saveAndThen(String id, int baseVersion, ArticleDraft changes, Step step, Instant at, String note, String actor) {
        return saveAndThen(id, baseVersion, changes, null, step, at, note, actor);
    }

    /** The same, with a new lead image stored in the same transaction: a refused step keeps neither the edit nor the image. */
    public Article saveAndThen(String id, int baseVersion, ArticleDraft changes, NewImage leadImage, Step step, Instant at, String note,
                               String actor) {
        if (changes != null) {
            ArticleDraftValidator.checkLimits(changes);
        }
        return writes.run(h -> {
            Article article = store.current(h, id, baseVersion);
            ArticleDraft edit = changes;
            if (leadImage != null) {
                edit = (edit != null ? edit : ArticleDraft.of(article)).withLeadImageId(store(h, leadImage));
            }
            if (edit != null) {
                article = edits.edit(h, id, baseVersion, edit, actor, "edit");
            }
            return workflow.take(h, article, article.version(), step, at, note, actor);
        });
    }

    /**
     * A story made from an agency's copy: created with the draft, held until {@code embargo} (null:
     * none), then taken to {@code step} ({@link Step#SAVE} leaves a draft; {@link Step#SCHEDULE} at
     * {@code at}). {@code also} runs in the same transaction with the story as it ends (the wire records
     * which item the story came from), so the story and its record commit or fail together.
     */
    public Article createFromCopy(ArticleDraft draft, Instant embargo, Step step, Instant at, String actor, BiConsumer<Handle, Article> also) {
        ArticleDraftValidator.checkLimits(draft);
        return writes.run(h -> {
            Article created = edits.create(h, draft, actor);
            store.rows().setEmbargo(h, created.id(), embargo);
            Article after = workflow.take(h, created, created.version(), step, at, null, actor);
            also.accept(h, after);
            return after;
        });
    }

    /**
     * A story changed by a later version of its agency copy: the fields replaced ({@code changes} may be
     * null to keep them), the embargo set anew, then {@code step} taken ({@link Step#UNPUBLISH} for a kill),
     * with {@code also} in the same transaction. Refused with {@link Conflict} when the story moved on
     * from {@code baseVersion} (someone edited it in the desk meanwhile).
     */
    public Article updateFromCopy(String id, int baseVersion, ArticleDraft changes, Instant embargo, Step step, String actor,
                                  BiConsumer<Handle, Article> also) {
        if (changes != null) {
            ArticleDraftValidator.checkLimits(changes);
        }
        return writes.run(h -> {
            Article article = store.current(h, id, baseVersion);
            store.rows().setEmbargo(h, id, embargo);
            if (changes != null && changes.changes(article)) {
                article = edits.edit(h, id, baseVersion, changes, actor, "edit");
            }
            Article after = workflow.take(h, article, article.version(), step, null, null, actor);
            also.accept(h, after);
            return after;
        });
    }

    /**
     * Sets the stories that lead the front page, in order, replacing the list {@code basedOn} (the
     * list the editor saw): if the front page changed since, nothing is kept and {@link Conflict} says so.
     */
    public List<String> setFrontPage(List<String> basedOn, List<String> ids) {
        return front.setFrontPage(basedOn, ids);
    }

    /** Puts up the breaking-news strip over every page, linking to a published story (replacing any strip shown). */
    public void setBreaking(String text, String articleId) {
        front.setBreaking(text, articleId);
    }

    /** Takes the breaking-news strip down. */
    public void clearBreaking() {
        front.clearBreaking();
    }

    /** Replaces the site settings; every page shows them, so every page is refreshed. */
    public SiteSettings saveSettings(SiteSettings settings) {
        return site.saveSettings(settings);
    }

    /**
     * Brings stories over from another system with their state and times, each with its revision and
     * event, a batch in one transaction. The same origin again updates its story, unless it changed in
     * Dateline since (then it is left alone and reported as a conflict). A story that breaks a rule is
     * {@code FAILED} with the reason, and the others are stored all the same.
     */
    public List<ImportedStory.Result> importStories(List<ImportedStory> stories, String actor) {
        return stories.isEmpty() ? List.of() : imports.importAll(stories, actor);
    }

    /** Points an old site's address (a category or tag archive) at a section or tag: it answers 301 there. */
    public void addLegacyPath(String path, LegacyPaths.Kind kind, String id) {
        imports.legacyPath(path, kind, id);
    }

    /**
     * Makes ({@code id} null) or changes a static page. Its address must be free: not a section's, not
     * another page's, not one of the site's own routes.
     */
    public StaticPage savePage(String id, String title, String slug, String bodyHtml, boolean published, int position) {
        return pages.save(id, title, slug, bodyHtml, published, position);
    }

    /** The static pages as this write path keeps them: the site reads the same copy, so a save shows at once in the footer. */
    public StaticPages staticPages() {
        return staticPages;
    }

    /** A static page from another system (WordPress, Ghost): imported, updated while untouched in Dateline, or left as a conflict. */
    public ImportedStory.Result importPage(String origin, String title, String slug, String bodyHtml, boolean published, int position,
                                           String contentHash, List<String> oldPaths) {
        return pages.importPage(origin, title, slug, bodyHtml, published, position, contentHash, oldPaths);
    }

    /** The origins of images imported before that start with {@code prefix} (one site's). */
    public java.util.Set<String> importedImageOrigins(String prefix) {
        return imageRepository.importedOrigins(prefix);
    }

    /** The image another system knew as {@code origin}, if it was imported before. */
    public java.util.Optional<Image> importedImage(String origin) {
        return imageRepository.imported(origin);
    }

    /** Stores an image from another system (checked already) and remembers its origin, in one transaction. */
    public Image importImage(String origin, ImageUpload.Checked checked, String altText, String caption, String credit) {
        return writes.run(h -> {
            Image image = images.addIn(h, checked, altText, caption, credit);
            h.createUpdate("INSERT INTO imported_images (origin, image_id) VALUES (:origin, :id)").bind("origin", origin).bind("id", image.id()).execute();
            return image;
        });
    }

    /** Loads a whole-site archive into an empty database, as one transaction. */
    public void importSite(SiteArchive archive) {
        site.importSite(archive);
    }
}
