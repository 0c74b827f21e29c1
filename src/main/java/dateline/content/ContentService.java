package dateline.content;

import dateline.platform.Conflict;
import dateline.platform.Database;
import dateline.platform.EventLog;
import dateline.platform.Ids;
import dateline.platform.NotFound;
import dateline.platform.ValidationErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The only write path for content. Every method is one transaction that changes the tables,
 * stores a revision where a story changed, and appends one event to the content event log.
 *
 * <p>Story changes are optimistic: each names the version it was based on, and a stale one is
 * refused with {@link Conflict} without touching anything.
 */
public final class ContentService {
    public static final String STALE_VERSION = "This story was changed by someone else (now at version %d; your change was based on version %d). Reload it and apply your change again.";
    static final String STORY_NOT_FOUND = "No story with id '%s'.";
    private static final Set<String> RESERVED_SECTION_SLUGS = Set.of("tag", "author", "search", "desk", "api", "media",
            "static", "healthz", "metrics", "feeds", "feed", "rss", "sitemap", "robots", "read", "most-read", "about");

    private final Database db;
    private final EventLog events;
    private final ArticleRepository articles;
    private final TaxonomyRepository taxonomy;
    private final SettingsRepository settings;
    private final BreakingNews breaking;
    private final ImageRepository images;
    private final RevisionRepository revisions;
    private final ArticleDraftValidator validator;
    private final Clock clock;

    public ContentService(Database db, EventLog events, ArticleRepository articles, TaxonomyRepository taxonomy,
                          SettingsRepository settings, BreakingNews breaking, ImageRepository images, RevisionRepository revisions, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.events = Objects.requireNonNull(events);
        this.articles = Objects.requireNonNull(articles);
        this.taxonomy = Objects.requireNonNull(taxonomy);
        this.settings = Objects.requireNonNull(settings);
        this.breaking = Objects.requireNonNull(breaking);
        this.images = Objects.requireNonNull(images);
        this.revisions = Objects.requireNonNull(revisions);
        this.clock = Objects.requireNonNull(clock);
        this.validator = new ArticleDraftValidator(articles, taxonomy, images);
    }

    public Section createSection(String name, String slug, String description, int position) {
        return write(h -> {
            String finalSlug = slug == null || slug.isBlank() ? Slugs.slugify(name) : slug;
            ValidationErrors errors = new ValidationErrors();
            if (name == null || name.isBlank()) {
                errors.add("name", "Give the section a name.");
            }
            if (!Slugs.isValid(finalSlug) || finalSlug.matches("\\d+") || RESERVED_SECTION_SLUGS.contains(finalSlug)) {
                errors.add("slug", "'" + finalSlug + "' cannot be a section's address: use lower-case letters, digits and hyphens, not a number or a reserved word.");
            } else if (taxonomy.slugTaken(h, "sections", finalSlug)) {
                errors.add("slug", "Another section already uses '" + finalSlug + "'.");
            }
            errors.throwIfAny();
            Section section = new Section(Ids.newId(), finalSlug, name.strip(), description == null ? "" : description.strip(), position);
            taxonomy.insertSection(h, section);
            events.append(h, now(), "section.created", section.id(), List.of("nav", "section:" + section.id()));
            return section;
        }, taxonomy::forgetSections);
    }

    public Author createAuthor(String name, String jobTitle, String bio) {
        return write(h -> {
            if (name == null || name.isBlank()) {
                new ValidationErrors().add("name", "Give the author a name.").throwIfAny();
            }
            String slug = uniqueSlug(h, "authors", Slugs.slugify(name), null);
            Author author = new Author(Ids.newId(), slug, name.strip(), jobTitle == null ? "" : jobTitle.strip(), bio == null ? "" : bio.strip());
            taxonomy.insertAuthor(h, author);
            events.append(h, now(), "author.created", author.id(), List.of("author:" + author.id()));
            return author;
        });
    }

    /**
     * Stores an image with its renditions; {@link ImageUpload#check} has already read the file (outside
     * the transaction: decoding and encoding take a while).
     */
    public Image addImage(ImageUpload.Checked checked, String altText, String caption, String credit) {
        ValidationErrors errors = new ValidationErrors();
        if (altText == null || altText.isBlank()) {
            errors.add("altText", "Describe the image for readers who cannot see it (alt text).");
        }
        errors.throwIfAny();
        return write(h -> {
            Image image = new Image(Ids.newId(), checked.contentType(), checked.width(), checked.height(), altText.strip(),
                    caption == null ? "" : caption.strip(), credit == null ? "" : credit.strip(), now());
            images.insert(h, image, checked.original());
            images.insertRenditions(h, image.id(), checked.renditions());
            events.append(h, image.createdAt(), "image.added", image.id(), List.of("image:" + image.id()));
            return image;
        });
    }

    /**
     * Changes an image's alt text, caption and credit. Stories that lead with it show the new words at
     * once, so each gets an event (their pages and cards are refreshed); no story changes version, as
     * none of their own fields changed. Images inside a body keep the words written there.
     */
    public Image describeImage(String id, String altText, String caption, String credit) {
        ValidationErrors errors = new ValidationErrors();
        if (altText == null || altText.isBlank()) {
            errors.add("altText", "Describe the image for readers who cannot see it (alt text).");
        }
        errors.throwIfAny();
        return write(h -> {
            images.find(h, id).orElseThrow(() -> new NotFound("No image with id '%s'.".formatted(id)));
            images.describe(h, id, altText.strip(), caption == null ? "" : caption.strip(), credit == null ? "" : credit.strip());
            Instant at = now();
            events.append(h, at, "image.described", id, List.of("image:" + id));
            for (String storyId : images.leadOf(h, id)) {
                events.append(h, at, "article.image_described", storyId, keys(articles.findById(h, storyId).orElseThrow(), null));
            }
            return images.find(h, id).orElseThrow();
        });
    }

    /**
     * The story as it would be with this draft saved (for a new story, {@code id} is null), checked and
     * sanitized exactly as a save would do it, but with nothing kept: the transaction is rolled back.
     */
    public Article preview(String id, ArticleDraft draft) {
        return db.jdbi().inTransaction(h -> {
            Article article = id == null ? create(h, draft, null)
                    : edit(h, id, articles.findById(h, id).orElseThrow(() -> new NotFound(STORY_NOT_FOUND.formatted(id))).version(), draft, null);
            h.rollback(); // Jdbi then does not commit
            return article;
        });
    }

    /** Creates a story as a draft (version 1). */
    public Article create(ArticleDraft draft, String actor) {
        return write(h -> create(h, draft, actor));
    }

    private Article create(Handle h, ArticleDraft draft, String actor) {
        {
            validator.validate(h, draft, null);
            String id = Ids.newId();
            Instant now = now();
            String slug = draft.slug() == null || draft.slug().isBlank()
                    ? uniqueSlug(h, "articles", fallbackSlug(draft.headline(), id), id) : draft.slug();
            ArticleRepository.Row row = new ArticleRepository.Row(id, slug, draft.headline().strip(), text(draft.standfirst()),
                    BodySanitizer.sanitize(draft.bodyHtml()), text(draft.datelinePlace()), draft.sectionId(), blankToNull(draft.leadImageId()),
                    language(draft), source(draft), Status.DRAFT.dbValue(), 1, now.toEpochMilli(), now.toEpochMilli(), null, null, null);
            articles.insert(h, row);
            articles.replaceAuthors(h, id, distinct(draft.authorIds()));
            articles.replaceTags(h, id, tagIds(h, draft.tagNames()));
            articles.replaceRelated(h, id, distinct(draft.relatedIds()));
            return record(h, null, id, "create", actor, "article.created");
        }
    }

    /** Replaces a story's fields. On a published story this sets the public "Updated" time. */
    public Article edit(String id, int baseVersion, ArticleDraft draft, String actor) {
        return write(h -> edit(h, id, baseVersion, draft, actor, "edit"));
    }

    /** The same as {@link #edit}, recorded in the revisions as the desk's automatic save. */
    public Article autosave(String id, int baseVersion, ArticleDraft draft, String actor) {
        return write(h -> edit(h, id, baseVersion, draft, actor, "autosave"));
    }

    private Article edit(Handle h, String id, int baseVersion, ArticleDraft draft, String actor) {
        return edit(h, id, baseVersion, draft, actor, "edit");
    }

    private Article edit(Handle h, String id, int baseVersion, ArticleDraft draft, String actor, String action) {
        {
            Article before = current(h, id, baseVersion);
            validator.validate(h, draft, id);
            Instant now = now();
            String slug = draft.slug() == null || draft.slug().isBlank() ? before.slug() : draft.slug();
            if (!slug.equals(before.slug())) {
                articles.removeRedirect(h, slug);
                if (before.wasEverPublished()) {
                    articles.addRedirect(h, before.slug(), id);
                }
            }
            Long updatedAt = before.isPublished() ? Long.valueOf(now.toEpochMilli()) : millis(before.updatedAt());
            ArticleRepository.Row row = new ArticleRepository.Row(id, slug, draft.headline().strip(), text(draft.standfirst()),
                    BodySanitizer.sanitize(draft.bodyHtml()), text(draft.datelinePlace()), draft.sectionId(), blankToNull(draft.leadImageId()),
                    language(draft), source(draft), before.status().dbValue(), before.version() + 1, before.createdAt().toEpochMilli(),
                    now.toEpochMilli(), millis(before.firstPublishedAt()), updatedAt, millis(before.scheduledAt()));
            update(h, row, baseVersion);
            articles.replaceAuthors(h, id, distinct(draft.authorIds()));
            articles.replaceTags(h, id, tagIds(h, draft.tagNames()));
            articles.replaceRelated(h, id, distinct(draft.relatedIds()));
            return record(h, before, id, action, actor, "article.updated");
        }
    }

    /** A writer hands a draft to the editors. */
    public Article submitForReview(String id, int baseVersion, String actor) {
        return write(h -> submitForReview(h, current(h, id, baseVersion), baseVersion, actor));
    }

    private Article submitForReview(Handle h, Article before, int baseVersion, String actor) {
        if (before.status() != Status.DRAFT) {
            throw new Conflict("Only a draft can be sent for review; this story is " + before.status().dbValue() + ".");
        }
        update(h, withState(before, Status.REVIEW, now(), millis(before.firstPublishedAt()), millis(before.updatedAt()), null), baseVersion);
        return record(h, before, id(before), "submit", actor, "article.submitted");
    }

    public Article publish(String id, int baseVersion, String actor) {
        return write(h -> publish(h, current(h, id, baseVersion), baseVersion, actor));
    }

    private Article publish(Handle h, Article before, int baseVersion, String actor) {
        if (before.isPublished()) {
            throw new Conflict("This story is already published.");
        }
        Instant now = now();
        long firstPublished = before.firstPublishedAt() == null ? now.toEpochMilli() : before.firstPublishedAt().toEpochMilli();
        // Publishing again after an unpublish is a change after publication: readers see "Updated".
        Long updatedAt = before.firstPublishedAt() == null ? null : Long.valueOf(now.toEpochMilli());
        update(h, withState(before, Status.PUBLISHED, now, firstPublished, updatedAt, null), baseVersion);
        return record(h, before, id(before), "publish", actor, "article.published");
    }

    public Article unpublish(String id, int baseVersion, String actor) {
        return write(h -> unpublish(h, current(h, id, baseVersion), baseVersion, actor));
    }

    private Article unpublish(Handle h, Article before, int baseVersion, String actor) {
        if (!before.isPublished()) {
            throw new Conflict("This story is not published.");
        }
        update(h, withState(before, Status.UNPUBLISHED, now(), millis(before.firstPublishedAt()), millis(before.updatedAt()), null), baseVersion);
        return record(h, before, id(before), "unpublish", actor, "article.unpublished");
    }

    /** Sets a story to publish itself at {@code at}; {@link #publishDue} does it when the time comes. */
    public Article schedule(String id, int baseVersion, Instant at, String actor) {
        return write(h -> schedule(h, current(h, id, baseVersion), baseVersion, at, actor));
    }

    private Article schedule(Handle h, Article before, int baseVersion, Instant at, String actor) {
        if (before.isPublished()) {
            throw new Conflict("This story is already published.");
        }
        if (at == null || !at.isAfter(now())) {
            new ValidationErrors().add("scheduledAt", "Choose a publication time in the future.").throwIfAny();
        }
        update(h, withState(before, Status.SCHEDULED, now(), millis(before.firstPublishedAt()), millis(before.updatedAt()),
                at.truncatedTo(ChronoUnit.MILLIS).toEpochMilli()), baseVersion);
        return record(h, before, id(before), "schedule", actor, "article.scheduled");
    }

    /**
     * Publishes every scheduled story whose time has come, including ones missed while the server was
     * down. With several app nodes on PostgreSQL, one node at a time does it (an advisory lock held
     * for the transaction; the others find it taken and return 0), so each story is published once.
     */
    public int publishDue(String actor) {
        if (articles.dueScheduled(now()).isEmpty()) {
            return 0; // the usual case: no write transaction every few seconds for nothing
        }
        return write(h -> {
            if (!db.tryJobLock(h, SCHEDULER_LOCK)) {
                return 0;
            }
            int count = 0;
            for (String id : articles.dueScheduled(h, now())) {
                Article before = articles.findById(h, id).orElseThrow();
                if (before.status() == Status.SCHEDULED) {
                    publish(h, before, before.version(), actor);
                    count++;
                }
            }
            return count;
        });
    }

    /** The writer takes their story back from review, to change it before the editors read it. */
    private Article withdraw(Handle h, Article before, int baseVersion, String actor) {
        if (before.status() != Status.REVIEW) {
            throw new Conflict("Only a story in review can be withdrawn; this story is " + before.status().dbValue() + ".");
        }
        update(h, withState(before, Status.DRAFT, now(), millis(before.firstPublishedAt()), millis(before.updatedAt()), null), baseVersion);
        return record(h, before, id(before), "withdraw", actor, "article.withdrawn");
    }

    /**
     * Returns a story in review, or a scheduled one, to draft: an editor sends it back to its writer
     * (saying why in {@code note}, which the writer sees), or takes it off the schedule.
     */
    public Article sendBack(String id, int baseVersion, String note, String actor) {
        return write(h -> sendBack(h, current(h, id, baseVersion), baseVersion, note, actor));
    }

    private Article sendBack(Handle h, Article before, int baseVersion, String note, String actor) {
        if (before.status() != Status.REVIEW && before.status() != Status.SCHEDULED) {
            throw new Conflict("Only a story in review or scheduled can go back to draft; this story is " + before.status().dbValue() + ".");
        }
        update(h, withState(before, Status.DRAFT, now(), millis(before.firstPublishedAt()), millis(before.updatedAt()), null), baseVersion);
        return record(h, before, id(before), "return", note == null ? "" : note.strip(), actor, "article.returned");
    }

    /** Attaches a public correction note; it sets the "Updated" time of a published story. */
    public Article correct(String id, int baseVersion, String note, String actor) {
        return write(h -> correct(h, current(h, id, baseVersion), baseVersion, note, actor));
    }

    private Article correct(Handle h, Article before, int baseVersion, String note, String actor) {
        if (note == null || note.isBlank()) {
            new ValidationErrors().add("note", "Say what was corrected.").throwIfAny();
        }
        Instant now = now();
        articles.insertCorrection(h, id(before), new Correction(Ids.newId(), note.strip(), now));
        Long updatedAt = before.wasEverPublished() ? Long.valueOf(now.toEpochMilli()) : millis(before.updatedAt());
        update(h, withState(before, before.status(), now, millis(before.firstPublishedAt()), updatedAt, millis(before.scheduledAt())), baseVersion);
        return record(h, before, id(before), "correct", actor, "article.corrected");
    }

    /** What the desk asks for along with a save. */
    public enum Step { SAVE, SUBMIT, WITHDRAW, SEND_BACK, PUBLISH, UNPUBLISH, SCHEDULE, CORRECT }

    /**
     * The desk's buttons: saves the form's changes (if {@code changes} is not null) and takes the step,
     * in one transaction, so a refused step (a past schedule time, an empty correction) keeps nothing
     * and the form can be sent again as it is.
     *
     * @param at the publication time, for {@link Step#SCHEDULE}
     * @param note the public correction, for {@link Step#CORRECT}; the word to the writer, for {@link Step#SEND_BACK}
     */
    public Article saveAndThen(String id, int baseVersion, ArticleDraft changes, Step step, Instant at, String note, String actor) {
        return write(h -> {
            Article article = current(h, id, baseVersion);
            int version = baseVersion;
            if (changes != null) {
                article = edit(h, id, baseVersion, changes, actor);
                version = article.version();
            }
            return switch (step) {
                case SAVE -> article;
                case SUBMIT -> submitForReview(h, article, version, actor);
                case WITHDRAW -> withdraw(h, article, version, actor);
                case SEND_BACK -> sendBack(h, article, version, note, actor);
                case PUBLISH -> publish(h, article, version, actor);
                case UNPUBLISH -> unpublish(h, article, version, actor);
                case SCHEDULE -> schedule(h, article, version, at, actor);
                case CORRECT -> correct(h, article, version, note, actor);
            };
        });
    }

    /** How many stories an editor may choose to lead the front page; the lead story is the first. */
    public static final int FRONT_PAGE_CHOICES = 6;
    static final String FRONT_PAGE_CHANGED = "Someone else changed the front page meanwhile. It is shown below as it is now; make your change again.";

    /**
     * Sets the stories that lead the front page, in order, replacing the list {@code basedOn} (the
     * list the editor saw): if the front page changed since, nothing is kept and {@link Conflict} says so.
     */
    public List<String> setFrontPage(List<String> basedOn, List<String> ids) {
        return write(h -> {
            if (!articles.frontPageIds(h).equals(basedOn)) {
                throw new Conflict(FRONT_PAGE_CHANGED);
            }
            List<String> chosen = distinct(ids);
            ValidationErrors errors = new ValidationErrors();
            if (chosen.size() > FRONT_PAGE_CHOICES) {
                errors.add("stories", "The front page leads with at most " + FRONT_PAGE_CHOICES + " chosen stories; remove one first.");
            }
            for (String id : chosen) {
                if (articles.findById(h, id).filter(Article::isPublished).isEmpty() && !basedOn.contains(id)) {
                    errors.add("stories", "'" + id + "' is not a published story.");
                }
            }
            errors.throwIfAny();
            articles.replaceFrontPage(h, chosen);
            events.append(h, now(), "front.updated", null, List.of("home"));
            return chosen;
        });
    }

    /** The longest line the breaking-news strip takes. */
    public static final int BREAKING_MAX = 140;

    /** Puts up the breaking-news strip over every page, linking to a published story (replacing any strip shown). */
    public void setBreaking(String text, String articleId) {
        ValidationErrors errors = new ValidationErrors();
        String line = text == null ? "" : text.strip();
        if (line.isEmpty()) {
            errors.add("breakingText", "Write the line readers see.");
        } else if (line.length() > BREAKING_MAX) {
            errors.add("breakingText", "Keep the line to " + BREAKING_MAX + " characters; this one has " + line.length() + ".");
        }
        if (articleId == null || articleId.isBlank()) {
            errors.add("breakingStory", "Choose the published story the strip links to.");
        }
        errors.throwIfAny();
        write(h -> {
            if (articles.findById(h, articleId.strip()).filter(Article::isPublished).isEmpty()) {
                new ValidationErrors().add("breakingStory", "'" + articleId.strip() + "' is not a published story.").throwIfAny();
            }
            Instant at = now();
            BreakingNews.set(h, line, articleId.strip(), at);
            events.append(h, at, "breaking.set", articleId.strip(), List.of("nav", "breaking"));
            return null;
        }, breaking::forget);
    }

    /** Takes the breaking-news strip down. */
    public void clearBreaking() {
        write(h -> {
            BreakingNews.clear(h);
            events.append(h, now(), "breaking.cleared", null, List.of("nav", "breaking"));
            return null;
        }, breaking::forget);
    }

    /** Replaces the site settings; every page shows them, so every page is refreshed. */
    public SiteSettings saveSettings(SiteSettings settings) {
        return write(h -> {
            ValidationErrors errors = new ValidationErrors();
            if (!settings.googleNewsUrl().isEmpty() && !settings.googleNewsUrl().matches("https://\\S+")) {
                errors.add("googleNewsUrl", "Give the full https:// address of the Google News page.");
            }
            if (!settings.appUrl().isEmpty() && !settings.appUrl().matches("https://\\S+")) {
                errors.add("appUrl", "Give the full https:// address where readers get the app.");
            }
            errors.throwIfAny();
            SettingsRepository.save(h, settings);
            events.append(h, now(), "settings.updated", null, List.of("nav", "settings"));
            return settings;
        }, this.settings::forget);
    }

    /** Loads a whole-site archive into an empty database, as one transaction. */
    public void importSite(SiteArchive archive) {
        write(h -> {
            int existing = h.createQuery("SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM authors)")
                    .mapTo(Integer.class).one();
            if (existing > 0) {
                throw new Conflict("The database already holds content: import only into an empty site.");
            }
            archive.insertInto(h);
            events.append(h, now(), "site.imported", null, List.of("all"));
            return null;
        }, () -> {
            taxonomy.forgetSections();
            settings.forget();
        });
    }

    private Article current(Handle h, String id, int baseVersion) {
        Article article = articles.findById(h, id).orElseThrow(() -> new NotFound(STORY_NOT_FOUND.formatted(id)));
        if (article.version() != baseVersion) {
            throw new Conflict(STALE_VERSION.formatted(article.version(), baseVersion));
        }
        return article;
    }

    private void update(Handle h, ArticleRepository.Row row, int baseVersion) {
        if (!articles.update(h, row, baseVersion)) {
            throw new Conflict(STALE_VERSION.formatted(row.version() - 1, baseVersion));
        }
    }

    /** Stores the revision of the new state and appends the event naming what it touched. */
    private Article record(Handle h, Article before, String id, String action, String actor, String eventType) {
        return record(h, before, id, action, null, actor, eventType);
    }

    private Article record(Handle h, Article before, String id, String action, String note, String actor, String eventType) {
        Article after = articles.findById(h, id).orElseThrow();
        revisions.insert(h, after, actor == null ? "system" : actor, action, note);
        events.append(h, after.modifiedAt(), eventType, id, keys(after, before));
        return after;
    }

    /** What a story's change touches: its desk views always; the pages that list it if it is or was public. */
    private static Set<String> keys(Article after, Article before) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("article:" + after.id());
        if (after.isPublished() || (before != null && before.isPublished())) {
            keys.add("home");
            keys.addAll(after.surrogateKeys());
            if (before != null) {
                keys.addAll(before.surrogateKeys());
            }
        }
        return keys;
    }

    private static ArticleRepository.Row withState(Article a, Status status, Instant modified, Long firstPublished, Long updated, Long scheduled) {
        return new ArticleRepository.Row(a.id(), a.slug(), a.headline(), a.standfirst(), a.bodyHtml(), a.datelinePlace(), a.section().id(),
                a.leadImage() == null ? null : a.leadImage().id(), a.language(), a.source(), status.dbValue(), a.version() + 1,
                a.createdAt().toEpochMilli(), modified.toEpochMilli(), firstPublished, updated, scheduled);
    }

    private List<String> tagIds(Handle h, List<String> names) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            String slug = Slugs.slugify(name);
            Tag tag = taxonomy.tagBySlug(h, slug).orElseGet(() -> {
                Tag created = new Tag(Ids.newId(), slug, name.strip());
                taxonomy.insertTag(h, created);
                return created;
            });
            if (!ids.contains(tag.id())) {
                ids.add(tag.id());
            }
        }
        return ids;
    }

    private String uniqueSlug(Handle h, String table, String base, String ownerId) {
        String candidate = base;
        for (int n = 2; ; n++) {
            boolean taken = table.equals("articles")
                    ? articles.slugOwner(h, candidate).filter(owner -> !owner.equals(ownerId)).isPresent()
                    : taxonomy.slugTaken(h, table, candidate);
            if (!taken) {
                return candidate;
            }
            candidate = base + "-" + n;
        }
    }

    /** The advisory lock key of scheduled publishing. */
    public static final long SCHEDULER_LOCK = 0x0da7e11e_0003L;

    private <T> T write(java.util.function.Function<Handle, T> work) {
        return write(work, () -> { });
    }

    /**
     * A write that changes something this node keeps in memory: {@code forgetOnThisNode} runs once it
     * is committed, so the writer reads its own change at once; other nodes forget on the event.
     */
    private <T> T write(java.util.function.Function<Handle, T> work, Runnable forgetOnThisNode) {
        T result = db.jdbi().inTransaction(work::apply);
        forgetOnThisNode.run();
        events.announce();
        return result;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String fallbackSlug(String headline, String id) {
        String slug = Slugs.slugify(headline);
        return slug.isEmpty() ? id : slug;
    }

    private static String id(Article a) {
        return a.id();
    }

    private static List<String> distinct(List<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String language(ArticleDraft d) {
        return d.language() == null || d.language().isBlank() ? "en" : d.language().strip();
    }

    private static String source(ArticleDraft d) {
        return d.source() == null || d.source().isBlank() ? "staff" : d.source().strip();
    }
}
