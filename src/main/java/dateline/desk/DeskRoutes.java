package dateline.desk;

import java.util.Locale;
import dateline.platform.BadRequest;
import dateline.content.Section;
import dateline.content.Article;
import dateline.content.Status;
import dateline.trending.Readership;
import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.ImageUpload;
import dateline.content.RevisionRepository;
import dateline.content.SettingsRepository;
import dateline.content.SiteSettings;
import dateline.content.TaxonomyRepository;
import dateline.platform.ClientAddress;
import dateline.platform.Config;
import dateline.platform.Forbidden;
import dateline.platform.Templates;
import dateline.platform.TooManyRequests;
import dateline.platform.WebServer;
import dateline.platform.ValidationFailed;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Every route is declared once, with the least role it needs and its handler ({@link DeskRoute}),
 * by the class that owns it, and is checked on the
 * server: anonymous readers are sent to sign in (GET) or refused (POST), a role too low is refused
 * with 403, and every POST must carry its session's CSRF token.
 */
public final class DeskRoutes {
    static final String SESSION_COOKIE = "dateline_session";
    static final String LOGIN_CSRF_COOKIE = "dateline_login_csrf";
    static final String WRONG_LOGIN = "That email and password do not match an account.";
    static final String SLOW_DOWN = "Too many failed sign-ins. Wait %d seconds and try again.";
    static final String STALE_FORM = "This form has expired. Reload the page and try again.";
    static final String ROLE_TOO_LOW = "Your role does not allow this.";
    static final int HOME_LIST = 20;
    static final int LIST_PAGE = 50;
    private static final String SESSION = "session";
    private static final String CHROME = "chrome";

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
    private final ClientAddress clients;
    private final WireDesk wire;
    private final ImportDesk imports;
    private final PagesDesk staticPages;
    private final Readership readership;
    private final SecureRandom random = new SecureRandom();

    public DeskRoutes(Accounts accounts, Sessions sessions, LoginLimiter limiter, ArticleRepository articles, RevisionRepository revisions,
                      ContentService content, SettingsRepository settings, TaxonomyRepository taxonomy, Templates templates, Config config,
                      DeskAssets assets, StoryRoutes stories, DeskLookups lookups, ImageLibrary library, FrontPageDesk front, AdminPages admin,
                      ClientAddress clients, WireDesk wire, ImportDesk imports, PagesDesk staticPages, Readership readership) {
        this.staticPages = staticPages;
        this.readership = readership;
        this.wire = wire;
        this.imports = imports;
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
        this.clients = clients;
    }

    /** Every desk route: this class's own, then each room's. */
    public List<DeskRoute> routes() {
        List<DeskRoute> all = new ArrayList<>(List.of(
                DeskRoute.get("/desk/login", null, this::loginForm),
                DeskRoute.post("/desk/login", null, this::login),
                DeskRoute.post("/desk/logout", Role.CONTRIBUTOR, this::logout),
                DeskRoute.get("/desk", Role.CONTRIBUTOR, this::home),
                DeskRoute.get("/desk/now", Role.CONTRIBUTOR, this::now),
                DeskRoute.get("/desk/account", Role.CONTRIBUTOR, ctx -> account(ctx, null, Map.of(), 200)),
                DeskRoute.post("/desk/account", Role.CONTRIBUTOR, this::changePassword),
                DeskRoute.get("/desk/audit", Role.EDITOR, this::audit),
                DeskRoute.get("/desk/settings", Role.ADMIN, ctx -> settingsForm(ctx, settings.settings(), Map.of(), 200, "saved".equals(ctx.queryParam("done")))),
                DeskRoute.post("/desk/settings", Role.ADMIN, this::saveSettings)));
        all.addAll(lookups.routes()); // before the stories': /desk/stories/search is not a story's id
        all.addAll(stories.routes());
        all.addAll(library.routes());
        all.addAll(front.routes());
        all.addAll(admin.routes());
        all.addAll(wire.routes());
        all.addAll(imports.routes());
        all.addAll(staticPages.routes());
        return all;
    }

    public void addTo(RoutesConfig routes) {
        for (DeskRoute route : routes()) {
            Handler guarded = ctx -> guard(ctx, route);
            if (route.method().equals("GET")) {
                routes.get(route.path(), guarded);
            } else {
                routes.post(route.path(), guarded);
            }
        }
    }

    /**
     * The one check in front of every desk route: the session (SQL), the role and, on a POST, the
     * CSRF token; then the desk's headers, and the session and page chrome for the handler.
     */
    private void guard(Context ctx, DeskRoute route) throws Exception {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Robots-Tag", "noindex");
        ctx.header("Content-Security-Policy", assets.contentSecurityPolicy());
        if (ctx.contentLength() > WebServer.MAX_UPLOAD_BYTES + 4L * 1024 * 1024) {
            throw tooLarge(); // before anything reads the body: a client that asked first (Expect: 100-continue) never sends it
        }
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
        session.ifPresent(s -> {
            ctx.attribute(SESSION, s);
            ctx.attribute(CHROME, chrome(s));
        });
        route.handler().handle(ctx);
    }

    /** The page chrome of the signed-in person, as the guard left it for the handler. */
    static DeskChrome chrome(Context ctx) {
        return ctx.attribute(CHROME);
    }

    private void audit(Context ctx) {
        Sessions.Session session = ctx.attribute(SESSION);
        ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/audit.jte",
                new AuditPage(chrome(session), config.zone(), Names.of(accounts.all()), revisions.auditLog(200), accounts.changes(200))));
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

    /**
     * Signs in. The attempt is recorded as a failure before the password is checked (cleared when it is
     * right), so guesses sent at once cannot slip past the limiter between its check and its count.
     */
    private void login(Context ctx) {
        if (!sameToken(formParam(ctx, "_csrf"), ctx.cookie(LOGIN_CSRF_COOKIE))) {
            throw new Forbidden(STALE_FORM);
        }
        String email = formParam(ctx, "email").strip().toLowerCase(Locale.ROOT);
        String address = clients.of(ctx);
        LoginLimiter.Attempt attempt = limiter.attempt(email, address);
        if (!attempt.allowed()) {
            long seconds = Math.max(1, (attempt.delay().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new TooManyRequests(SLOW_DOWN.formatted(seconds));
        }
        Optional<User> user = accounts.authenticate(email, formParam(ctx, "password"));
        if (user.isEmpty()) {
            renderLogin(ctx, 401, WRONG_LOGIN, email);
            return;
        }
        limiter.succeeded(email, address, attempt);
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

    /**
     * The desk home: stories found by headline, my drafts, then every state, optionally for one section.
     * Contributors see the published list and their own stories only: other people's drafts, stories in
     * review and scheduled ones are unpublished work they have no part in (an editor's call to show).
     */
    private void home(Context ctx) {
        Sessions.Session session = ctx.attribute(SESSION);
        boolean editor = session.user().role().includes(Role.EDITOR);
        String sectionId = taxonomy.sections().stream().map(Section::id).filter(id -> id.equals(ctx.queryParam("section")))
                .findFirst().orElse(null);
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        List<Article> found = query.isEmpty() ? List.of() : articles.withHeadline(query, sectionId, editor ? null : session.user().email(), 50);
        List<DeskHomePage.Shelf> shelves = Arrays.stream(DeskHomePage.Shelf.values())
                .filter(shelf -> editor || shelf != DeskHomePage.Shelf.DRAFTS).toList();
        Optional<DeskHomePage.Shelf> alone = DeskHomePage.Shelf.byId(ctx.queryParam("list")).filter(shelves::contains);
        List<DeskHomePage.StoryList> lists = alone.map(shelf -> List.of(storyList(shelf, sectionId, session, pageNumber(ctx), LIST_PAGE)))
                .orElseGet(() -> shelves.stream().map(shelf -> storyList(shelf, sectionId, session, 1, HOME_LIST)).toList());
        boolean byViews = "views".equals(ctx.queryParam("sort"));
        if (byViews) { // recently published, most read in 24 hours first: the newest published stories are ranked by their views
            lists = lists.stream().map(list -> list.shelf() != DeskHomePage.Shelf.PUBLISHED ? list : byViews(list, sectionId)).toList();
        }
        List<String> ids = new ArrayList<>();
        lists.stream().filter(list -> list.shelf() == DeskHomePage.Shelf.PUBLISHED).forEach(list -> list.articles().forEach(a -> ids.add(a.id())));
        found.stream().filter(Article::isPublished).forEach(a -> ids.add(a.id()));
        DeskHomePage page = new DeskHomePage(chrome(session), config.zone(), taxonomy.sections(), sectionId, query, found, lists, alone.isPresent(),
                readership.counts(ids), readership.now(), byViews);
        ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/home.jte", page));
    }

    /** The published list ranked by views in 24 hours, among the most recent {@link DeskHomePage#RANKED} published stories. */
    private DeskHomePage.StoryList byViews(DeskHomePage.StoryList list, String sectionId) {
        List<Article> recent = articles.byStatus(Status.PUBLISHED, sectionId, null, DeskHomePage.RANKED, 0);
        Map<String, Readership.Counts> counts = readership.counts(recent.stream().map(Article::id).toList());
        List<Article> ranked = recent.stream().sorted(java.util.Comparator.comparingLong(
                (Article a) -> counts.getOrDefault(a.id(), Readership.Counts.NONE).lastDay()).reversed()).toList();
        int from = Math.min(ranked.size(), (list.page() - 1) * list.pageSize());
        return new DeskHomePage.StoryList(list.shelf(), ranked.subList(from, Math.min(ranked.size(), from + list.pageSize())),
                Math.min(list.total(), DeskHomePage.RANKED), list.page(), list.pageSize());
    }

    /** The desk home's "Now" list as JSON, for the page to refresh it without a reload. */
    private void now(Context ctx) {
        List<Map<String, Object>> stories = readership.now().stream().map(r -> Map.<String, Object>of("id", r.article().id(),
                "headline", r.article().headline(), "path", "/desk/stories/" + r.article().id(), "views", r.views())).toList();
        ctx.header("Cache-Control", "no-store");
        DeskLookups.json(ctx, 200, Map.of("stories", stories));
    }

    private DeskHomePage.StoryList storyList(DeskHomePage.Shelf shelf, String sectionId, Sessions.Session session, int page, int size) {
        boolean ownOnly = shelf.mine || (!session.user().role().includes(Role.EDITOR) && shelf != DeskHomePage.Shelf.PUBLISHED);
        String creator = ownOnly ? session.user().email() : null;
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
            throw tooLarge();
        }
    }

    private static BadRequest tooLarge() {
        return new BadRequest("The request is too large or malformed: images may be at most " + ImageUpload.MAX_BYTES / 1048576 + " MB.");
    }

    private void settingsForm(Context ctx, SiteSettings values, Map<String, List<String>> errors, int status, boolean saved) {
        Sessions.Session session = ctx.attribute("session");
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(templates.render("desk/settings.jte", new SettingsPage(chrome(session), values, errors, saved)));
    }

    private void saveSettings(Context ctx) {
        SiteSettings typed = new SiteSettings(formParam(ctx, "googleNewsUrl").strip(), formParam(ctx, "appUrl").strip(),
                formParam(ctx, "iconImageId").strip());
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
        // Secure when the site is served over TLS (directly, or behind a trusted proxy that says so).
        cookie.setSecure(clients.secure(ctx)
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
