package dateline.desk;

import dateline.ingest.WireStories;
import dateline.trending.Readership;
import dateline.platform.WebServer;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImageRepository;
import dateline.content.ImageUpload;
import dateline.content.RevisionRepository;
import dateline.content.Status;
import dateline.content.TaxonomyRepository;
import dateline.content.Urls;
import dateline.platform.Config;
import dateline.platform.Conflict;
import dateline.platform.Forbidden;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The story pages of the desk: the form (new and edit), its buttons, autosave, preview, presence,
 * revisions and restore. Every write goes through {@link ContentService}; a button's edit and its
 * step are one call, so one transaction.
 *
 * <p>Routes and roles are declared in {@link #routes}; these handlers run after the guard of {@link DeskRoutes},
 * with the session in the context.
 */
public final class StoryRoutes {
    private static final Map<String, String> FIELD_NAMES = Map.ofEntries(
            Map.entry("slug", "address"), Map.entry("bodyHtml", "body"), Map.entry("datelinePlace", "dateline place"),
            Map.entry("sectionId", "section"), Map.entry("authorIds", "authors"), Map.entry("leadImageId", "lead image"),
            Map.entry("relatedIds", "Read more picks"));

    private final ArticleRepository articles;
    private final RevisionRepository revisions;
    private final ContentService content;
    private final TaxonomyRepository taxonomy;
    private final ImageRepository images;
    private final Presence presence;
    private final Accounts accounts;
    private final Templates templates;
    private final Config config;
    private final DeskAssets assets;
    private final BiFunction<Article, Instant, byte[]> previews;
    private final Clock clock;
    private final WireStories wire;
    /** When each person last autosaved each story (bounded; the page autosaves at most every 15 s). */
    private final Cache<String, Instant> lastAutosave = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    /** The shortest time between two autosaves of one story by one person that the server takes. */
    static final Duration AUTOSAVE_EVERY = Duration.ofSeconds(10);
    static final String AUTOSAVE_TOO_SOON = "autosaved a moment ago; the next automatic save comes shortly";

    /**
     * @param previews renders the public article page for a story as edited (see {@code ArticleRoutes#preview})
     */
    public StoryRoutes(ArticleRepository articles, RevisionRepository revisions, ContentService content, TaxonomyRepository taxonomy,
                ImageRepository images, Presence presence, Accounts accounts, Templates templates, Config config, DeskAssets assets,
                BiFunction<Article, Instant, byte[]> previews, Clock clock, WireStories wire, Readership readership) {
        this.wire = wire;
        this.readership = readership;
        this.articles = articles;
        this.revisions = revisions;
        this.content = content;
        this.taxonomy = taxonomy;
        this.images = images;
        this.presence = presence;
        this.accounts = accounts;
        this.templates = templates;
        this.config = config;
        this.assets = assets;
        this.previews = previews;
        this.clock = clock;
    }

    /** The story routes; each handler also checks that this person may work on this story ({@link #allowed}). */
    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/stories/new", Role.CONTRIBUTOR, this::newStory),
                DeskRoute.post("/desk/stories", Role.CONTRIBUTOR, this::createStory),
                DeskRoute.post("/desk/stories/preview", Role.CONTRIBUTOR, this::preview),
                DeskRoute.post("/desk/stories/{id}/preview", Role.CONTRIBUTOR, this::preview),
                DeskRoute.post("/desk/stories/{id}/autosave", Role.CONTRIBUTOR, this::autosave),
                DeskRoute.post("/desk/stories/{id}/presence", Role.CONTRIBUTOR, this::presence),
                DeskRoute.get("/desk/stories/{id}", Role.CONTRIBUTOR, this::editStory),
                DeskRoute.post("/desk/stories/{id}", Role.CONTRIBUTOR, this::saveStory),
                DeskRoute.get("/desk/stories/{id}/revisions", Role.CONTRIBUTOR, this::revisions),
                DeskRoute.post("/desk/stories/{id}/revisions/{version}/restore", Role.CONTRIBUTOR, this::restore));
    }

    private final Readership readership;

    /** What a step the page was sent back to after says, from the {@code done} parameter: "Saved.", "Published." … */
    static final Map<String, String> DONE = Map.of("save", "Saved.", "submit", "Sent for review.", "withdraw", "Taken back from review.",
            "return", "Sent back to draft.", "publish", "Published.", "unpublish", "Taken off the site.", "schedule", "Scheduled.",
            "correct", "Correction added.");

    void newStory(Context ctx) {
        renderStory(ctx, null, StoryForm.empty(null), Map.of(), null, List.of(), 200);
    }

    private void renderStory(Context ctx, Article stored, StoryForm form, Map<String, List<String>> errors, String message,
                             List<String> changed, int status) {
        Sessions.Session session = ctx.attribute("session");
        String imageQuery = Optional.ofNullable(ctx.queryParam("images")).orElse("").strip();
        List<String> others = stored == null ? List.of() : presence.seenOrUnknown(stored.id(), session.user());
        StoryPage page = new StoryPage(DeskChrome.of(config.siteName(), assets, session), stored, form, taxonomy.sections(), taxonomy.authors(), errors, message, changed,
                session.user().role().includes(Role.EDITOR), others, picks(form.toDraft().relatedIds()), imageChoices(form.leadImageId(), imageQuery),
                imageQuery, stored == null || stored.status() != Status.DRAFT ? null
                        : revisions.lastStep(stored.id()).filter(step -> step.action().equals("return")).orElse(null), config.zone(),
                Names.of(accounts.all()), articles.frontPageIds(), stored == null ? null : wire.flag(stored.id()).orElse(null),
                stored == null || !stored.wasEverPublished() ? null : readership.counts(stored.id()), publicUrl(stored, form),
                message == null && errors.isEmpty() ? DONE.get(Optional.ofNullable(ctx.queryParam("done")).orElse("")) : null);
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render("desk/story.jte", page));
    }

    /** Where the story is read: its address when published, else where it would be if published now, with the form's slug. */
    private String publicUrl(Article stored, StoryForm form) {
        String site = config.siteUrl().replaceFirst("/+$", "");
        if (stored != null && stored.isPublished()) {
            return site + Urls.article(stored, config.zone());
        }
        String slug = form.slug().isBlank() ? (stored == null ? "" : stored.slug()) : form.slug();
        return site + Urls.article(clock.instant(), slug, config.zone());
    }

    /** The form's lead image first (whatever its age), then the images found with {@code query} (the newest without one). */
    private List<Image> imageChoices(String chosenId, String query) {
        List<Image> choices = new ArrayList<>();
        if (!chosenId.isBlank()) {
            images.find(chosenId.strip()).ifPresent(choices::add);
        }
        images.search(query, 0, ImageLibrary.CHOICES).stream().filter(i -> !i.id().equals(chosenId.strip())).forEach(choices::add);
        return choices;
    }

    /** The published stories among the picks, in the picks' order. */
    private List<Article> picks(List<String> ids) {
        Map<String, Article> byId = new HashMap<>();
        articles.publishedByIds(ids).forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    void createStory(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        StoryForm form = StoryForm.from(ctx);
        ContentService.NewImage upload = null;
        try {
            upload = uploadedLeadImage(ctx);
            Article created = content.create(form.toDraft(), session.user().email(), upload);
            ctx.redirect("/desk/stories/" + created.id(), HttpStatus.SEE_OTHER);
        } catch (ValidationFailed e) {
            renderStory(ctx, null, form, withUploadNote(e.errors().asMap(), upload), null, List.of(), 422);
        }
    }

    private Article editable(Context ctx) {
        return allowed(ctx, false);
    }

    /**
     * The story at the path, if the signed-in person may work on it: editors any story; contributors
     * their own drafts, and (to see it, or withdraw it) their own story in review.
     */
    private Article allowed(Context ctx, boolean ownInReview) {
        Sessions.Session session = ctx.attribute("session");
        Article article = articles.findById(ctx.pathParam("id")).orElseThrow(() -> new NotFound("There is no story with this id."));
        User user = session.user();
        if (user.role().includes(Role.EDITOR)) {
            return article;
        }
        boolean own = revisions.creator(article.id()).orElse("").equals(user.email());
        if (own && (article.status() == Status.DRAFT || (ownInReview && article.status() == Status.REVIEW))) {
            return article;
        }
        throw new Forbidden("Contributors edit their own drafts; an editor takes it from there.");
    }

    void editStory(Context ctx) {
        Article article = allowed(ctx, true);
        Sessions.Session session = ctx.attribute("session");
        if (!session.user().role().includes(Role.EDITOR) && article.status() == Status.REVIEW) {
            ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/submitted.jte",
                    new SubmittedPage(DeskChrome.of(config.siteName(), assets, session), article)));
            return;
        }
        renderStory(ctx, article, StoryForm.of(article), Map.of(), null, List.of(), 200);
    }

    /** A contributor's own story while the editors have it: read only, with a way to take it back. */
    public record SubmittedPage(DeskChrome chrome, Article article) {}

    /** The form's errors, plus a word on the lead image chosen with it: a refused save stored it neither. */
    private static Map<String, List<String>> withUploadNote(Map<String, List<String>> errors, ContentService.NewImage upload) {
        if (upload == null) {
            return errors;
        }
        Map<String, List<String>> all = new LinkedHashMap<>(errors);
        all.merge("leadImageFile", List.of(UPLOAD_NOT_KEPT), (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
        return all;
    }

    static final String UPLOAD_NOT_KEPT = "Nothing was saved, the chosen lead image neither: choose its file again.";

    void saveStory(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        String action = Optional.ofNullable(DeskRoutes.formParam(ctx, "action")).filter(a -> !a.isEmpty()).orElse("save");
        Article stored = allowed(ctx, action.equals("withdraw"));
        StoryForm form = StoryForm.from(ctx);
        String actor = session.user().email();
        boolean editorAction = !action.equals("save") && !action.equals("submit") && !action.equals("withdraw");
        if (editorAction && !session.user().role().includes(Role.EDITOR)) {
            throw new Forbidden(DeskRoutes.ROLE_TOO_LOW);
        }
        ContentService.NewImage upload = null;
        try {
            ContentService.Step step = switch (action) {
                case "submit" -> ContentService.Step.SUBMIT;
                case "withdraw" -> ContentService.Step.WITHDRAW;
                case "return" -> ContentService.Step.SEND_BACK;
                case "publish" -> ContentService.Step.PUBLISH;
                case "unpublish" -> ContentService.Step.UNPUBLISH;
                case "schedule" -> ContentService.Step.SCHEDULE;
                case "correct" -> ContentService.Step.CORRECT;
                default -> ContentService.Step.SAVE;
            };
            Instant at = step == ContentService.Step.SCHEDULE ? scheduledAt(form.scheduledAt()) : null;
            upload = uploadedLeadImage(ctx);
            String note = step == ContentService.Step.SEND_BACK ? DeskRoutes.formParam(ctx, "returnNote") : form.correction();
            // Withdrawing sends no fields: the story is taken back as it is.
            ArticleDraft changes = step != ContentService.Step.WITHDRAW && form.toDraft().changes(stored) ? form.toDraft() : null;
            content.saveAndThen(stored.id(), form.baseVersion(), changes, upload, step, at, note, actor);
            ctx.redirect("/desk/stories/" + stored.id() + "?done=" + (DONE.containsKey(action) ? action : "save"), HttpStatus.SEE_OTHER);
        } catch (ValidationFailed e) {
            renderStory(ctx, stored, form, withUploadNote(e.errors().asMap(), upload), null, List.of(), 422);
        } catch (Conflict e) {
            Article now = articles.findById(stored.id()).orElse(stored);
            renderStory(ctx, now, form, withUploadNote(Map.of(), upload), e.getMessage(), changedSince(now, form.baseVersion()), 409);
        }
    }

    /**
     * A lead image chosen in the form's file field, checked (outside any transaction: decoding takes a
     * while); the save stores it with the story, in one transaction. Null when no file was chosen.
     */
    private ContentService.NewImage uploadedLeadImage(Context ctx) {
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("leadImageFile") : null;
        if (file == null || file.size() == 0) {
            return null;
        }
        try {
            String alt = DeskRoutes.formParam(ctx, "leadImageAlt");
            if (alt.isBlank()) {
                throw new ValidationFailed(new ValidationErrors().add("altText", "Describe the image for readers who cannot see it (alt text)."));
            }
            return new ContentService.NewImage(ImageUpload.check(ImageLibrary.bytes(file)), alt,
                    DeskRoutes.formParam(ctx, "leadImageCaption"), DeskRoutes.formParam(ctx, "leadImageCredit"));
        } catch (ValidationFailed e) {
            var errors = new ValidationErrors();
            e.errors().asMap().forEach((field, messages) -> messages.forEach(m -> errors.add(field.equals("altText") ? "leadImageAlt" : "leadImageFile", m)));
            throw new ValidationFailed(errors);
        }
    }

    /** The public page as the story would look with the form's text, nothing saved. */
    void preview(Context ctx) {
        Article stored = ctx.pathParamMap().containsKey("id") ? editable(ctx) : null;
        StoryForm form = StoryForm.from(ctx);
        try {
            Article article = content.preview(stored == null ? null : stored.id(), form.toDraft());
            ctx.header("X-Robots-Tag", "noindex");
            ctx.header("Content-Security-Policy", WebServer.SECURITY_HEADERS.get("Content-Security-Policy"));
            ctx.contentType("text/html; charset=utf-8").result(previews.apply(article, clock.instant()));
        } catch (ValidationFailed e) {
            renderStory(ctx, stored, form, e.errors().asMap(), "The preview needs these fixed first.", List.of(), 422);
        }
    }

    /**
     * Saves an unpublished story in the background. The answer carries the new version, which the page
     * puts in its form, so the writer's next save (automatic or not) is based on it and never conflicts
     * with their own earlier autosave.
     */
    void autosave(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article stored = editable(ctx);
        if (stored.isPublished()) {
            DeskLookups.json(ctx, 422, Map.of("error", "a published story is saved with the Save button, since saving changes it on the site"));
            return;
        }
        StoryForm form = StoryForm.from(ctx);
        try {
            if (!form.toDraft().changes(stored)) {
                if (form.baseVersion() != stored.version()) {
                    throw new Conflict(ContentService.STALE_VERSION.formatted(stored.version(), form.baseVersion()));
                }
                DeskLookups.json(ctx, 200, Map.of("version", stored.version(), "saved", false));
                return;
            }
            String key = session.user().id() + " " + stored.id();
            Instant last = lastAutosave.getIfPresent(key);
            if (last != null && last.plus(AUTOSAVE_EVERY).isAfter(clock.instant())) {
                ctx.header("Retry-After", Long.toString(AUTOSAVE_EVERY.toSeconds()));
                DeskLookups.json(ctx, 429, Map.of("error", AUTOSAVE_TOO_SOON));
                return;
            }
            Article saved = content.autosave(stored.id(), form.baseVersion(), form.toDraft(), session.user().email());
            lastAutosave.put(key, clock.instant());
            DeskLookups.json(ctx, 200, Map.of("version", saved.version(), "saved", true,
                    "time", java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(saved.modifiedAt().atZone(config.zone()))));
        } catch (ValidationFailed e) {
            DeskLookups.json(ctx, 422, Map.of("error", DeskLookups.firstError(e)));
        } catch (Conflict e) {
            Article now = articles.findById(stored.id()).orElse(stored);
            DeskLookups.json(ctx, 409, Map.of("error", e.getMessage(), "version", now.version(), "changed", changedSince(now, form.baseVersion())));
        }
    }

    void presence(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article article = editable(ctx);
        DeskLookups.json(ctx, 200, Map.of("others", presence.seen(article.id(), session.user())));
    }

    void revisions(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article article = editable(ctx);
        var list = revisions.list(article.id());
        int to = intParam(ctx.queryParam("to"), article.version());
        int from = intParam(ctx.queryParam("from"), Math.max(1, to - 1));
        var diff = RevisionDiff.between(revisions.snapshot(article.id(), from).orElse("{}"), revisions.snapshot(article.id(), to).orElse("{}"));
        ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/revisions.jte",
                new RevisionsPage(DeskChrome.of(config.siteName(), assets, session), config.zone(), Names.of(accounts.all()), article, list, from, to, diff)));
    }

    /** Saves an old state again, as a new revision; the story's status and corrections stay as they are. */
    void restore(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article article = editable(ctx);
        int version = intParam(ctx.pathParam("version"), -1);
        String snapshot = revisions.snapshot(article.id(), version).orElseThrow(() -> new NotFound("There is no such revision."));
        content.edit(article.id(), intParam(ctx.formParam("version"), -1), RevisionDiff.draft(snapshot), session.user().email());
        ctx.redirect("/desk/stories/" + article.id(), HttpStatus.SEE_OTHER);
    }

    private static int intParam(String raw, int fallback) {
        try {
            return raw == null ? fallback : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The fields someone else changed between the version the form was loaded at and now. */
    private List<String> changedSince(Article now, int baseVersion) {
        return RevisionDiff.between(revisions.snapshot(now.id(), baseVersion).orElse("{}"), revisions.snapshot(now.id(), now.version()).orElse("{}"))
                .stream().map(d -> FIELD_NAMES.getOrDefault(d.field(), d.field())).toList();
    }

    private Instant scheduledAt(String localDateTime) {
        try {
            return java.time.LocalDateTime.parse(localDateTime.strip()).atZone(config.zone()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationFailed(new ValidationErrors().add("scheduledAt", "Give the publication time as a date and time."));
        }
    }
}
