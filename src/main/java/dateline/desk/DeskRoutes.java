package dateline.desk;

import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.SettingsRepository;
import dateline.content.SiteSettings;
import dateline.platform.ValidationFailed;
import dateline.content.Status;
import dateline.platform.Config;
import dateline.platform.Forbidden;
import dateline.platform.Templates;
import dateline.platform.TooManyRequests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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

    /** A desk route and the least role it needs; null means anyone may call it. */
    public record DeskRoute(String method, String path, Role minimum) {}

    public static final List<DeskRoute> ROUTES = List.of(
            new DeskRoute("GET", "/desk/login", null),
            new DeskRoute("POST", "/desk/login", null),
            new DeskRoute("POST", "/desk/logout", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk", Role.CONTRIBUTOR),
            new DeskRoute("GET", "/desk/users", Role.ADMIN),
            new DeskRoute("GET", "/desk/settings", Role.ADMIN),
            new DeskRoute("POST", "/desk/settings", Role.ADMIN));

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final ArticleRepository articles;
    private final ContentService content;
    private final SettingsRepository settings;
    private final Templates templates;
    private final Config config;
    private final String cssPath;
    private final SecureRandom random = new SecureRandom();

    public DeskRoutes(Accounts accounts, Sessions sessions, LoginLimiter limiter, ArticleRepository articles, ContentService content,
                      SettingsRepository settings, Templates templates, Config config, String cssPath) {
        this.content = content;
        this.settings = settings;
        this.cssPath = cssPath;
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
                    if (route.method().equals("POST") && !sameToken(ctx.formParam("_csrf"), session.get().csrfToken())) {
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
            case "GET /desk/users" -> this::users;
            case "GET /desk/settings" -> ctx -> settingsForm(ctx, settings.settings(), java.util.Map.of(), 200, "saved".equals(ctx.queryParam("done")));
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
                .result(templates.render("desk/login.jte", new LoginPage(new DeskChrome(config.siteName(), cssPath, null, null), error, email, csrf)));
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

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(SESSION_COOKIE));
        ctx.removeCookie(SESSION_COOKIE, "/desk");
        ctx.redirect("/desk/login", HttpStatus.SEE_OTHER);
    }

    private void home(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        DeskHomePage page = new DeskHomePage(chrome(session), config.zone(),
                articles.byStatus(Status.DRAFT, 20), articles.byStatus(Status.REVIEW, 20), articles.byStatus(Status.SCHEDULED, 20),
                articles.byStatus(Status.PUBLISHED, 20));
        ctx.contentType("text/html; charset=utf-8").result(templates.render("desk/home.jte", page));
    }

    private void users(Context ctx) {
        Sessions.Session session = ctx.attribute("session");
        ctx.contentType("text/html; charset=utf-8")
                .result(templates.render("desk/users.jte", new UsersPage(chrome(session), accounts.all())));
    }

    private void settingsForm(Context ctx, SiteSettings values, java.util.Map<String, java.util.List<String>> errors, int status, boolean saved) {
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
        return new DeskChrome(config.siteName(), cssPath, session.user(), session.csrfToken());
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
