package dateline.desk;

import dateline.platform.Times;
import dateline.platform.BadRequest;
import dateline.api.ApiKeys;
import dateline.api.Webhooks;
import dateline.platform.Conflict;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The admin's pages: accounts and roles, API keys for the content API, and webhook endpoints. Secrets
 * (a new key, a new endpoint's signing secret) are shown once, on the page that made them.
 */
public final class AdminPages {
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final Webhooks webhooks;
    private final Templates templates;
    private final ZoneId zone;

    /** The accounts page. */
    public record UsersPage(DeskChrome chrome, List<Accounts.Account> accounts, String message, Map<String, List<String>> errors,
                            Map<String, String> typed) {
        public String error(String field) {
            return ValidationErrors.messagesFor(errors, field);
        }

        public String typed(String field) {
            return typed.getOrDefault(field, "");
        }
    }

    /** The API keys page; {@code newKey} is the key just made, shown this once. */
    public record ApiKeysPage(DeskChrome chrome, ZoneId zone, List<ApiKeys.Key> keys, String newKey, String error) {
        public String display(java.time.Instant at) {
            return Times.display(at, zone);
        }
    }

    /** The webhooks page; {@code newSecret} is the signing secret of the endpoint just registered. */
    public record WebhooksPage(DeskChrome chrome, ZoneId zone, List<Webhooks.Endpoint> endpoints, List<Webhooks.Delivery> deliveries,
                               List<String> eventNames, String newSecret, Map<String, List<String>> errors, String typedUrl) {
        public String error(String field) {
            return ValidationErrors.messagesFor(errors, field);
        }

        public String display(java.time.Instant at) {
            return at == null ? "" : Times.display(at, zone);
        }
    }

    public AdminPages(Accounts accounts, ApiKeys apiKeys, Webhooks webhooks, Templates templates, ZoneId zone) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.webhooks = webhooks;
        this.templates = templates;
        this.zone = zone;
    }

    /** The admin's routes: accounts, API keys and webhooks. */
    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/users", Role.ADMIN, ctx -> users(ctx, DeskRoutes.chrome(ctx), null, Map.of(), 200)),
                DeskRoute.post("/desk/users", Role.ADMIN, ctx -> createUser(ctx, DeskRoutes.chrome(ctx))),
                DeskRoute.post("/desk/users/{id}", Role.ADMIN, ctx -> changeUser(ctx, DeskRoutes.chrome(ctx))),
                DeskRoute.get("/desk/apikeys", Role.ADMIN, ctx -> apiKeys(ctx, DeskRoutes.chrome(ctx), null, 200)),
                DeskRoute.post("/desk/apikeys", Role.ADMIN, ctx -> createApiKey(ctx, DeskRoutes.chrome(ctx))),
                DeskRoute.post("/desk/apikeys/{id}/revoke", Role.ADMIN, this::revokeApiKey),
                DeskRoute.get("/desk/webhooks", Role.ADMIN, ctx -> webhooks(ctx, DeskRoutes.chrome(ctx), null, Map.of(), 200)),
                DeskRoute.post("/desk/webhooks", Role.ADMIN, ctx -> createWebhook(ctx, DeskRoutes.chrome(ctx))),
                DeskRoute.post("/desk/webhooks/{id}/disable", Role.ADMIN, this::disableWebhook));
    }

    void users(Context ctx, DeskChrome chrome, String message, Map<String, List<String>> errors, int status) {
        Map<String, String> typed = status == 422 ? Map.of("email", param(ctx, "email"), "name", param(ctx, "name"), "role", param(ctx, "role"))
                : Map.of();
        html(ctx, status, "desk/users.jte", new UsersPage(chrome, accounts.accounts(), message, errors, typed));
    }

    void createUser(Context ctx, DeskChrome chrome) {
        try {
            User user = accounts.create(param(ctx, "email"), param(ctx, "name"), Role.parse(param(ctx, "role")), ctx.formParam("password"),
                    chrome.user().email());
            users(ctx, chrome, "Account made for " + user.email() + ". Give them their password in person.", Map.of(), 201);
        } catch (ValidationFailed e) {
            users(ctx, chrome, null, e.errors().asMap(), 422);
        }
    }

    /** Changes an account's role, or disables or enables it. */
    void changeUser(Context ctx, DeskChrome chrome) {
        String id = ctx.pathParam("id");
        if (!accounts.exists(id)) {
            throw new NotFound("There is no account with this id.");
        }
        String actor = chrome.user().email();
        try {
            switch (param(ctx, "action")) {
                case "role" -> {
                    Role role = Role.parse(param(ctx, "role"));
                    accounts.changeRole(id, role, actor);
                }
                case "password" -> accounts.setPassword(id, ctx.formParam("password"), actor);
                case "disable" -> accounts.setDisabled(id, true, actor);
                case "enable" -> accounts.setDisabled(id, false, actor);
                default -> throw new BadRequest("Choose what to change: role, password, disable or enable.");
            }
        } catch (Conflict | ValidationFailed e) {
            users(ctx, chrome, e instanceof ValidationFailed v ? ValidationErrors.allMessages(v.errors().asMap()) : e.getMessage(), Map.of(),
                    e instanceof Conflict ? 409 : 422);
            return;
        }
        ctx.redirect("/desk/users?changed=" + id, HttpStatus.SEE_OTHER);
    }

    void apiKeys(Context ctx, DeskChrome chrome, String newKey, int status) {
        html(ctx, status, "desk/apikeys.jte", new ApiKeysPage(chrome, zone, apiKeys.list(), newKey, null));
    }

    void createApiKey(Context ctx, DeskChrome chrome) {
        try {
            apiKeys(ctx, chrome, apiKeys.create(param(ctx, "name")), 201);
        } catch (ValidationFailed e) {
            html(ctx, 422, "desk/apikeys.jte", new ApiKeysPage(chrome, zone, apiKeys.list(), null, ValidationErrors.allMessages(e.errors().asMap())));
        }
    }

    void revokeApiKey(Context ctx) {
        if (!apiKeys.revoke(ctx.pathParam("id"))) {
            throw new NotFound("There is no API key in use with this id.");
        }
        ctx.redirect("/desk/apikeys", HttpStatus.SEE_OTHER);
    }

    void webhooks(Context ctx, DeskChrome chrome, String newSecret, Map<String, List<String>> errors, int status) {
        html(ctx, status, "desk/webhooks.jte", new WebhooksPage(chrome, zone, webhooks.endpoints(), webhooks.log(50), Webhooks.eventNames(),
                newSecret, errors, errors.isEmpty() ? "" : param(ctx, "url")));
    }

    void createWebhook(Context ctx, DeskChrome chrome) {
        try {
            String secret = webhooks.register(param(ctx, "url").strip(), new LinkedHashSet<>(ctx.formParams("events")));
            webhooks(ctx, chrome, secret, Map.of(), 201);
        } catch (ValidationFailed e) {
            webhooks(ctx, chrome, null, e.errors().asMap(), 422);
        }
    }

    void disableWebhook(Context ctx) {
        if (!webhooks.disable(ctx.pathParam("id"))) {
            throw new NotFound("There is no webhook endpoint in use with this id.");
        }
        ctx.redirect("/desk/webhooks", HttpStatus.SEE_OTHER);
    }

    private void html(Context ctx, int status, String template, Object page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render(template, page));
    }

    private static String param(Context ctx, String name) {
        return DeskRoutes.formParam(ctx, name);
    }
}
