package dateline.desk;

import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImageUpload;
import dateline.content.RevisionRepository;
import dateline.content.SettingsRepository;
import dateline.content.SiteSettings;
import dateline.content.Status;
import dateline.content.TaxonomyRepository;
import dateline.platform.Config;
import dateline.platform.Conflict;
import dateline.platform.Forbidden;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import dateline.platform.TooManyRequests;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The newsroom desk under {@code /desk}: sign-in, sign-out, the desk home, the account list and
 * the site settings.
 *
 * <p>Every route is declared in {@link #ROUTES} with the least role it needs, and is checked on the
 * server: anonymous readers are sent to sign in (GET) or refused (POST), a role too low is refused
 * with 403, and every POST must carry its session's CSRF token.
 */
public final class DeskRoutes {
    static final String SESSION_COOKIE = "dateline_session";
    static final String LOGIN_CSRF_COOKIE = "dateline_login_csrf";
    static final String WRONG_LOGIN = "That email and password do not match an account.";
    static final String SLOW_DOWN = "Too many failed sign-ins. Wait fifteen minutes and try again.";
    static final String STALE_FORM = "This form has expired. Reload the page and try again.";
    static final String ROLE_TOO_LOW = "Your role does not allow this.";

    private static final Map<String, String> FIELD_NAMES = Map.ofEntries(
            Map.entry("slug", "address"), Map.entry("bodyHtml", "body"), Map.entry("datelinePlace", "dateline place"),
            Map.entry("sectionId", "section"), Map.entry("authorIds", "authors"), Map.entry("leadImageId", "lead image"),
            Map.entry("relatedIds", "Read more picks"));

    /** A desk route and the least role it needs; null means anyone may call it. */
    public record DeskRoute(String method, String path, Role minimum) {}

    public static final List<DeskRoute> ROUTES = List.of(
            new DeskRoute("GET", "/desk/login", null),
            new DeskRoute("POST", "/desk/login", null),
            new DeskRoute("POST", "/desk/logout", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/account", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/account", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/users", Role.ADMIN),
            new DeskRoute("POST", "/desk/users", Role.ADMIN),
            new DeskRoute("POST", "/desk/users/{id}", Role.ADMIN),
            new DeskRoute("GET", "/desk/apikeys", Role.ADMIN),
            new DeskRoute("POST", "/desk/apikeys", Role.ADMIN),
            new DeskRoute("POST", "/desk/apikeys/{id}/revoke", Role.ADMIN),
            new DeskRoute("GET", "/desk/webhooks", Role.ADMIN),
            new DeskRoute("POST", "/desk/webhooks", Role.ADMIN),
            new DeskRoute("POST", "/desk/webhooks/{id}/disable", Role.ADMIN),
            new DeskRoute("GET", "/desk/tags", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/images", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/stories/new", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/stories/search", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/stories", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/stories/preview", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/stories/{id}/preview", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/stories/{id}/autosave", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/stories/{id}/presence", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/stories/{id}", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/stories/{id}", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/stories/{id}/revisions", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/stories/{id}/revisions/{version}/restore", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/audit", Role.EDITOR),
            new DeskRoute("GET", "/desk/settings", Role.ADMIN),
            new DeskRoute("POST", "/desk/settings", Role.ADMIN));

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final ArticleRepository articles;
    private final RevisionRepository revisions;
    private final ContentService content;
    private final SettingsRepository settings;
    private final TaxonomyRepository taxonomy;
    private final Templates templates;
    private final Config config;
    private final DeskAssets assets;
    private final Presence presence;
    private final DeskLookups lookups;
    private final dateline.content.ImageRepository images;
    private final BiFunction<Article, Instant, byte[]> previews;
    private final Clock clock;
    private final AdminPages admin;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param previews renders the public article page for a story as edited (see {@code ArticleRoutes#preview})
     */
    public DeskRoutes(Accounts accounts, Sessions sessions, LoginLimiter limiter, ArticleRepository articles, RevisionRepository revisions,
                      ContentService content, SettingsRepository settings, TaxonomyRepository taxonomy, Templates templates, Config config,
                      DeskAssets assets, Presence presence, dateline.search.Searcher searcher, dateline.content.ImageRepository images,
                      BiFunction<Article, Instant, byte[]> previews, Clock clock, AdminPages admin) {
        this.assets = assets;
        this.presence = presence;
        this.lookups = new DeskLookups(content, taxonomy, searcher, config.zone());
        this.images = images;
        this.previews = previews;
        this.clock = clock;
        this.admin = admin;
        this.taxonomy = taxonomy;
        this.revisions = revisions;
        this.content = content;
        this.settings = settings;
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.articles = articles;
        this.templates = templates;
        this.config = config;
    }

    public void addTo(RoutesConfig routes) {
        for (DeskRoute route : ROUTES) {
            Handler handler = handlerFor(route);
            Handler guarded = ctx -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Robots-Tag", "noindex");
                ctx.header("Content-Security-Policy", assets.contentSecurityPolicy());
                Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
                if (route.minimum() != null) {
                    if (session.isEmpty()) {
                        if (route.method().equals("GET")) {
                            ctx.redirect("/desk/login", HttpStatus.SEE_OTHER);
                            return;
                        }
                        throw new Forbidden("Sign in first.");
                    }
                    if (!session.get().user().role().includes(route.minimum())) {
                        throw new Forbidden(ROLE_TOO_LOW);
                    }
                    if (route.method().equals("POST") && !sameToken(formParam(ctx, "_csrf"), session.get().csrfToken())) {
                        throw new Forbidden(STALE_FORM);
                    }
                }
                session.ifPresent(s -> ctx.attribute("session", s));
                handler.handle(ctx);
            };
            if (route.method().equals("GET")) {
                routes.get(route.path(), guarded);
            } else {
                routes.post(route.path(), guarded);
            }
        }
    }

    private Handler handlerFor(DeskRoute route) {
        return switch (route.method() + " " + route.path()) {
            case "GET /desk/login" -> this::loginForm;
            case "POST /desk/login" -> this::login;
            case "POST /desk/logout" -> this::logout;
            case "GET /desk" -> this::home;
            case "GET /desk/account" -> ctx -> account(ctx, null, Map.of(), 200);
            case "POST /desk/account" -> this::changePassword;
            case "GET /desk/users" -> ctx -> admin.users(ctx, chrome(ctx.attribute("session")), null, Map.of(), 200);
            case "POST /desk/users" -> ctx -> admin.createUser(ctx, chrome(ctx.attribute("session")));
            case "POST /desk/users/{id}" -> ctx -> admin.changeUser(ctx, chrome(ctx.attribute("session")));
            case "GET /desk/apikeys" -> ctx -> admin.apiKeys(ctx, chrome(ctx.attribute("session")), null, 200);
            case "POST /desk/apikeys" -> ctx -> admin.createApiKey(ctx, chrome(ctx.attribute("session")));
            case "POST /desk/apikeys/{id}/revoke" -> admin::revokeApiKey;
            case "GET /desk/webhooks" -> ctx -> admin.webhooks(ctx, chrome(ctx.attribute("session")), null, Map.of(), 200);
            case "POST /desk/webhooks" -> ctx -> admin.createWebhook(ctx, chrome(ctx.attribute("session")));
            case "POST /desk/webhooks/{id}/disable" -> admin::disableWebhook;
            case "GET /desk/tags" -> lookups::tags;
            case "POST /desk/images" -> lookups::uploadImage;
            case "GET /desk/stories/search" -> lookups::stories;
            case "POST /desk/stories/preview" -> this::preview;
            case "POST /desk/stories/{id}/preview" -> this::preview;
            case "POST /desk/stories/{id}/autosave" -> this::autosave;
            case "POST /desk/stories/{id}/presence" -> this::presence;
            case "GET /desk/stories/{id}/revisions" -> this::revisions;
            case "POST /desk/stories/{id}/revisions/{version}/restore" -> this::restore;
            case "GET /desk/audit" -> ctx -> {
                Sessions.Session session = ctx.attribute("session");
                ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/audit.jte",
                        new AuditPage(chrome(session), config.zone(), revisions.auditLog(200), accounts.changes(200))));
            };
            case "GET /desk/stories/new" -> ctx -> renderStory(ctx, null, StoryForm.empty(null), Map.of(), null, List.of(), 200);
            case "POST /desk/stories" -> this::createStory;
            case "GET /desk/stories/{id}" -> this::editStory;
            case "POST /desk/stories/{id}" -> this::saveStory;
            case "GET /desk/settings" -> ctx -> settingsForm(ctx, settings.settings(), Map.of(), 200, "saved".equals(ctx.queryParam("done")));
            case "POST /desk/settings" -> this::saveSettings;
            default -> throw new IllegalStateException("No handler for " + route);
        };
    }

    private void loginForm(Context ctx) {
        renderLogin(ctx, 200, null, "");
    }

    private void renderLogin(Context ctx, int status, String error, String email) {
        String csrf = randomToken();
        ctx.cookie(cookie(LOGIN_CSRF_COOKIE, csrf, ctx, 3600));
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(templates.render("desk/login.jte", new LoginPage(new DeskChrome(config.siteName(), assets, null, null), error, email, csrf)));
    }

    private void login(Context ctx) {
        if (!sameToken(ctx.formParam("_csrf"), ctx.cookie(LOGIN_CSRF_COOKIE))) {
            throw new Forbidden(STALE_FORM);
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip().toLowerCase();
        String address = ctx.ip();
        if (!limiter.allowed(email, address)) {
            throw new TooManyRequests(SLOW_DOWN);
        }
        Optional<User> user = accounts.authenticate(email, ctx.formParam("password"));
        if (user.isEmpty()) {
            limiter.failed(email, address);
            renderLogin(ctx, 401, WRONG_LOGIN, email);
            return;
        }
        limiter.succeeded(email);
        ctx.cookie(cookie(SESSION_COOKIE, sessions.start(user.get()), ctx, (int) Sessions.LIFETIME.toSeconds()));
        ctx.removeCookie(LOGIN_CSRF_COOKIE, "/desk");
        ctx.redirect("/desk", HttpStatus.SEE_OTHER);
    }

    private void account(Context ctx, String message, Map<String, List<String>> errors, int status) {
        Sessions.Session session = ctx.attribute("session");
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(templates.render("desk/account.jte", new AccountPage(chrome(session), message, errors)));
    }

    private void changePassword(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        try {
            accounts.changeOwnPassword(session.user().id(), ctx.formParam("current"), ctx.formParam("password"),
                    Sessions.hash(ctx.cookie(SESSION_COOKIE)));
            account(ctx, "Your password is changed. Your other sessions have ended.", Map.of(), 200);
        } catch (ValidationFailed e) {
            account(ctx, null, e.errors().asMap(), 422);
        }
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(SESSION_COOKIE));
        ctx.removeCookie(SESSION_COOKIE, "/desk");
        ctx.redirect("/desk/login", HttpStatus.SEE_OTHER);
    }

    /** The desk home: stories found by headline, my drafts, then every state, optionally for one section. */
    private void home(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        String sectionId = taxonomy.sections().stream().map(dateline.content.Section::id).filter(id -> id.equals(ctx.queryParam("section")))
                .findFirst().orElse(null);
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        List<Article> found = query.isEmpty() ? List.of() : articles.withHeadline(query, sectionId, 50);
        DeskHomePage page = new DeskHomePage(chrome(session), config.zone(), taxonomy.sections(), sectionId, query, found,
                articles.byStatus(Status.DRAFT, sectionId, session.user().email(), 20),
                articles.byStatus(Status.REVIEW, sectionId, null, 20), articles.byStatus(Status.SCHEDULED, sectionId, null, 20),
                articles.byStatus(Status.DRAFT, sectionId, null, 20), articles.byStatus(Status.PUBLISHED, sectionId, null, 20),
                articles.byStatus(Status.UNPUBLISHED, sectionId, null, 20));
        ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/home.jte", page));
    }

    private void renderStory(Context ctx, Article stored, StoryForm form, Map<String, List<String>> errors, String message,
                             List<String> changed, int status) {
        Sessions.Session session = ctx.attribute("session");
        List<String> others = stored == null ? List.of() : presence.seenOrUnknown(stored.id(), session.user());
        StoryPage page = new StoryPage(chrome(session), stored, form, taxonomy.sections(), taxonomy.authors(), errors, message, changed,
                session.user().role().includes(Role.EDITOR), others, picks(form.toDraft().relatedIds()), imageChoices(form.leadImageId()));
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render("desk/story.jte", page));
    }

    /** The form's lead image first (whatever its age), then the most recent uploads. */
    private List<Image> imageChoices(String chosenId) {
        List<Image> choices = new java.util.ArrayList<>();
        if (!chosenId.isBlank()) {
            images.find(chosenId.strip()).ifPresent(choices::add);
        }
        images.recent(24).stream().filter(i -> !i.id().equals(chosenId.strip())).forEach(choices::add);
        return choices;
    }

    /** The published stories among the picks, in the picks' order. */
    private List<Article> picks(List<String> ids) {
        Map<String, Article> byId = new HashMap<>();
        articles.publishedByIds(ids).forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    private void createStory(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        StoryForm form = StoryForm.from(ctx);
        try {
            form = withUploadedLeadImage(ctx, form);
            Article created = content.create(form.toDraft(), session.user().email());
            ctx.redirect("/desk/stories/" + created.id(), HttpStatus.SEE_OTHER);
        } catch (ValidationFailed e) {
            renderStory(ctx, null, form, e.errors().asMap(), null, List.of(), 422);
        }
    }

    private Article editable(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article article = articles.findById(ctx.pathParam("id")).orElseThrow(() -> new NotFound("There is no story with this id."));
        User user = session.user();
        if (!user.role().includes(Role.EDITOR)
                && (article.status() != Status.DRAFT || !revisions.creator(article.id()).orElse("").equals(user.email()))) {
            throw new Forbidden("Contributors edit their own drafts; an editor takes it from there.");
        }
        return article;
    }

    private void editStory(Context ctx) {
        Article article = editable(ctx);
        renderStory(ctx, article, StoryForm.of(article), Map.of(), null, List.of(), 200);
    }

    private void saveStory(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article stored = editable(ctx);
        StoryForm form = StoryForm.from(ctx);
        String action = Optional.ofNullable(ctx.formParam("action")).orElse("save");
        String actor = session.user().email();
        boolean editorAction = !action.equals("save") && !action.equals("submit");
        if (editorAction && !session.user().role().includes(Role.EDITOR)) {
            throw new Forbidden(ROLE_TOO_LOW);
        }
        try {
            ContentService.Step step = switch (action) {
                case "submit" -> ContentService.Step.SUBMIT;
                case "publish" -> ContentService.Step.PUBLISH;
                case "unpublish" -> ContentService.Step.UNPUBLISH;
                case "schedule" -> ContentService.Step.SCHEDULE;
                case "correct" -> ContentService.Step.CORRECT;
                default -> ContentService.Step.SAVE;
            };
            Instant at = step == ContentService.Step.SCHEDULE ? scheduledAt(form.scheduledAt()) : null;
            form = withUploadedLeadImage(ctx, form);
            content.saveAndThen(stored.id(), form.baseVersion(), changed(stored, form) ? form.toDraft() : null, step, at, form.correction(), actor);
            ctx.redirect("/desk/stories/" + stored.id(), HttpStatus.SEE_OTHER);
        } catch (ValidationFailed e) {
            renderStory(ctx, stored, form, e.errors().asMap(), null, List.of(), 422);
        } catch (Conflict e) {
            Article now = articles.findById(stored.id()).orElse(stored);
            renderStory(ctx, now, form, Map.of(), e.getMessage(), changedSince(now, form.baseVersion()), 409);
        }
    }

    /** A lead image chosen in the form's file field is stored first, and becomes the form's lead image. */
    private StoryForm withUploadedLeadImage(Context ctx, StoryForm form) {
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("leadImageFile") : null;
        if (file == null || file.size() == 0) {
            return form;
        }
        try {
            Image image = content.addImage(ImageUpload.check(DeskLookups.bytes(file)), formParam(ctx, "leadImageAlt"),
                    formParam(ctx, "leadImageCaption"), formParam(ctx, "leadImageCredit"));
            return form.withLeadImageId(image.id());
        } catch (ValidationFailed e) {
            var errors = new ValidationErrors();
            e.errors().asMap().forEach((field, messages) -> messages.forEach(m -> errors.add(field.equals("altText") ? "leadImageAlt" : "leadImageFile", m)));
            throw new ValidationFailed(errors);
        }
    }

    /** A form field; a request body over the size limits is refused with a message instead of failing. */
    static String formParam(Context ctx, String name) {
        try {
            return Optional.ofNullable(ctx.formParam(name)).orElse("");
        } catch (Exception e) { // Jetty's refusal of an oversized multipart body arrives as an undeclared ServletException
            throw new dateline.platform.BadRequest("The request is too large or malformed: images may be at most "
                    + ImageUpload.MAX_BYTES / 1048576 + " MB.");
        }
    }

    /** The public page as the story would look with the form's text, nothing saved. */
    private void preview(Context ctx) {
        Article stored = ctx.pathParamMap().containsKey("id") ? editable(ctx) : null;
        StoryForm form = StoryForm.from(ctx);
        try {
            Article article = content.preview(stored == null ? null : stored.id(), form.toDraft());
            ctx.header("X-Robots-Tag", "noindex");
            ctx.header("Content-Security-Policy", dateline.platform.WebServer.SECURITY_HEADERS.get("Content-Security-Policy"));
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
    private void autosave(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article stored = editable(ctx);
        if (stored.isPublished()) {
            DeskLookups.json(ctx, 422, Map.of("error", "a published story is saved with the Save button, since saving changes it on the site"));
            return;
        }
        StoryForm form = StoryForm.from(ctx);
        try {
            if (!changed(stored, form)) {
                if (form.baseVersion() != stored.version()) {
                    throw new Conflict(ContentService.STALE_VERSION.formatted(stored.version(), form.baseVersion()));
                }
                DeskLookups.json(ctx, 200, Map.of("version", stored.version(), "saved", false));
                return;
            }
            Article saved = content.autosave(stored.id(), form.baseVersion(), form.toDraft(), session.user().email());
            DeskLookups.json(ctx, 200, Map.of("version", saved.version(), "saved", true,
                    "time", java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(saved.modifiedAt().atZone(config.zone()))));
        } catch (ValidationFailed e) {
            DeskLookups.json(ctx, 422, Map.of("error", DeskLookups.firstError(e)));
        } catch (Conflict e) {
            Article now = articles.findById(stored.id()).orElse(stored);
            DeskLookups.json(ctx, 409, Map.of("error", e.getMessage(), "version", now.version(), "changed", changedSince(now, form.baseVersion())));
        }
    }

    private void presence(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article article = editable(ctx);
        DeskLookups.json(ctx, 200, Map.of("others", presence.seen(article.id(), session.user())));
    }

    private void revisions(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        Article article = editable(ctx);
        var list = revisions.list(article.id());
        int to = intParam(ctx.queryParam("to"), article.version());
        int from = intParam(ctx.queryParam("from"), Math.max(1, to - 1));
        var diff = RevisionDiff.between(revisions.snapshot(article.id(), from).orElse("{}"), revisions.snapshot(article.id(), to).orElse("{}"));
        ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/revisions.jte",
                new RevisionsPage(chrome(session), config.zone(), article, list, from, to, diff)));
    }

    /** Saves an old state again, as a new revision; the story's status and corrections stay as they are. */
    private void restore(Context ctx) {
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

    /** Whether the form differs from the stored story in any field a save would write. */
    private static boolean changed(Article stored, StoryForm form) {
        StoryForm was = StoryForm.of(stored);
        return !(was.headline().equals(form.headline().strip()) && was.standfirst().equals(form.standfirst().strip())
                && was.bodyHtml().equals(dateline.content.BodySanitizer.sanitize(form.bodyHtml())) && was.datelinePlace().equals(form.datelinePlace().strip())
                && was.sectionId().equals(form.sectionId()) && was.authorIds().equals(form.authorIds()) && was.tags().equals(form.tags().strip())
                && was.leadImageId().equals(form.leadImageId().strip()) && was.language().equals(form.language().strip())
                && was.source().equals(form.source().strip()) && (form.slug().isBlank() || was.slug().equals(form.slug().strip()))
                && was.relatedIds().equals(form.relatedIds().strip()));
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

    private void settingsForm(Context ctx, SiteSettings values, Map<String, List<String>> errors, int status, boolean saved) {
        Sessions.Session session = ctx.attribute("session");
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(templates.render("desk/settings.jte", new SettingsPage(chrome(session), values, errors, saved)));
    }

    private void saveSettings(Context ctx) {
        SiteSettings typed = new SiteSettings(Optional.ofNullable(ctx.formParam("googleNewsUrl")).orElse("").strip(),
                Optional.ofNullable(ctx.formParam("appUrl")).orElse("").strip());
        try {
            content.saveSettings(typed);
        } catch (ValidationFailed e) {
            settingsForm(ctx, typed, e.errors().asMap(), 422, false); // what the admin typed is kept
            return;
        }
        ctx.redirect("/desk/settings?done=saved", HttpStatus.SEE_OTHER);
    }

    private DeskChrome chrome(Sessions.Session session) {
        return new DeskChrome(config.siteName(), assets, session.user(), session.csrfToken());
    }

    private io.javalin.http.Cookie cookie(String name, String value, Context ctx, int maxAge) {
        io.javalin.http.Cookie cookie = new io.javalin.http.Cookie(name, value);
        cookie.setPath("/desk");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.LAX);
        cookie.setMaxAge(maxAge);
        // Secure when the site is served over TLS (directly or behind a proxy that says so).
        cookie.setSecure(ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
                || config.siteUrl().startsWith("https://"));
        return cookie;
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean sameToken(String given, String expected) {
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
