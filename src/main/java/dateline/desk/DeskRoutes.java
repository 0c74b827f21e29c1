package dateline.desk;

import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.ImageUpload;
import dateline.content.RevisionRepository;
import dateline.content.SettingsRepository;
import dateline.content.SiteSettings;
import dateline.content.TaxonomyRepository;
import dateline.platform.Config;
import dateline.platform.Forbidden;
import dateline.platform.Templates;
import dateline.platform.TooManyRequests;
import dateline.platform.ValidationFailed;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The newsroom desk under {@code /desk}: the route table, sign-in and sign-out, the desk home, the
 * audit log, one's own account and the site settings. Stories are edited by {@link StoryRoutes},
 * images kept by {@link ImageLibrary}, the front page chosen with {@link FrontPageDesk}, the editor's
 * look-ups answered by {@link DeskLookups}, and admins' pages by {@link AdminPages}.
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
    static final int HOME_LIST = 20;
    static final int LIST_PAGE = 50;

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
            new DeskRoute("GET", "/desk/images", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/images", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/images/search", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/images/{id}", Role.CONTRIBUTOR),
            new DeskRoute("POST", "/desk/images/{id}", Role.EDITOR),
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
            new DeskRoute("GET", "/desk/front", Role.EDITOR),
            new DeskRoute("POST", "/desk/front", Role.EDITOR),
            new DeskRoute("POST", "/desk/breaking", Role.EDITOR),
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
    private final StoryRoutes stories;
    private final DeskLookups lookups;
    private final ImageLibrary library;
    private final FrontPageDesk front;
    private final AdminPages admin;
    private final SecureRandom random = new SecureRandom();

    public DeskRoutes(Accounts accounts, Sessions sessions, LoginLimiter limiter, ArticleRepository articles, RevisionRepository revisions,
                      ContentService content, SettingsRepository settings, TaxonomyRepository taxonomy, Templates templates, Config config,
                      DeskAssets assets, StoryRoutes stories, DeskLookups lookups, ImageLibrary library, FrontPageDesk front, AdminPages admin) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.articles = articles;
        this.revisions = revisions;
        this.content = content;
        this.settings = settings;
        this.taxonomy = taxonomy;
        this.templates = templates;
        this.config = config;
        this.assets = assets;
        this.stories = stories;
        this.lookups = lookups;
        this.library = library;
        this.front = front;
        this.admin = admin;
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
            case "GET /desk/front" -> front::page;
            case "POST /desk/front" -> front::change;
            case "POST /desk/breaking" -> front::changeBreaking;
            case "GET /desk/images" -> library::library;
            case "POST /desk/images" -> library::upload;
            case "GET /desk/images/search" -> library::search;
            case "GET /desk/images/{id}" -> library::image;
            case "POST /desk/images/{id}" -> library::describe;
            case "GET /desk/stories/search" -> lookups::stories;
            case "POST /desk/stories/preview" -> stories::preview;
            case "POST /desk/stories/{id}/preview" -> stories::preview;
            case "POST /desk/stories/{id}/autosave" -> stories::autosave;
            case "POST /desk/stories/{id}/presence" -> stories::presence;
            case "GET /desk/stories/{id}/revisions" -> stories::revisions;
            case "POST /desk/stories/{id}/revisions/{version}/restore" -> stories::restore;
            case "GET /desk/audit" -> ctx -> {
                Sessions.Session session = ctx.attribute("session");
                ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/audit.jte",
                        new AuditPage(chrome(session), config.zone(), Names.of(accounts.all()), revisions.auditLog(200), accounts.changes(200))));
            };
            case "GET /desk/stories/new" -> stories::newStory;
            case "POST /desk/stories" -> stories::createStory;
            case "GET /desk/stories/{id}" -> stories::editStory;
            case "POST /desk/stories/{id}" -> stories::saveStory;
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
        Optional<DeskHomePage.Shelf> alone = DeskHomePage.Shelf.byId(ctx.queryParam("list"));
        List<DeskHomePage.StoryList> lists = alone.map(shelf -> List.of(storyList(shelf, sectionId, session, pageNumber(ctx), LIST_PAGE)))
                .orElseGet(() -> java.util.Arrays.stream(DeskHomePage.Shelf.values()).map(shelf -> storyList(shelf, sectionId, session, 1, HOME_LIST))
                        .toList());
        DeskHomePage page = new DeskHomePage(chrome(session), config.zone(), taxonomy.sections(), sectionId, query, found, lists, alone.isPresent());
        ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/home.jte", page));
    }

    private DeskHomePage.StoryList storyList(DeskHomePage.Shelf shelf, String sectionId, Sessions.Session session, int page, int size) {
        String creator = shelf.mine ? session.user().email() : null;
        return new DeskHomePage.StoryList(shelf, articles.byStatus(shelf.status, sectionId, creator, size, (page - 1) * size),
                articles.countByStatus(shelf.status, sectionId, creator), page, size);
    }

    /** The {@code page} query parameter, from 1; anything else is the first page. */
    static int pageNumber(Context ctx) {
        try {
            return Math.clamp(Integer.parseInt(Optional.ofNullable(ctx.queryParam("page")).orElse("1").strip()), 1, 10_000);
        } catch (NumberFormatException e) {
            return 1;
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
        return DeskChrome.of(config.siteName(), assets, session);
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
