package dateline.desk;

import dateline.content.ContentService;
import dateline.content.StaticPage;
import dateline.content.StaticPages;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;

/** Editors' static pages: About, Contact, Corrections policy, Privacy, Terms; written with the story editor. */
public final class PagesDesk {
    /** The list of pages. */
    public record PagesPage(DeskChrome chrome, List<StaticPage> pages) {}

    /** One page's form, as stored or as typed when refused. */
    public record PageForm(DeskChrome chrome, String id, String title, String slug, String bodyHtml, boolean published, int position,
                           Map<String, List<String>> errors, String message) {
        public String error(String field) {
            return ValidationErrors.messagesFor(errors, field);
        }

        public String action() {
            return id == null ? "/desk/pages" : "/desk/pages/" + id;
        }
    }

    private final ContentService content;
    private final StaticPages pages;
    private final Templates templates;

    public PagesDesk(ContentService content, StaticPages pages, Templates templates) {
        this.content = content;
        this.pages = pages;
        this.templates = templates;
    }

    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/pages", Role.EDITOR, ctx -> html(ctx, 200, "desk/pages.jte", new PagesPage(DeskRoutes.chrome(ctx), pages.all()))),
                DeskRoute.get("/desk/pages/new", Role.EDITOR, ctx -> form(ctx, new PageForm(DeskRoutes.chrome(ctx), null, "", "", "", false,
                        pages.all().size(), Map.of(), null), 200)),
                DeskRoute.post("/desk/pages", Role.EDITOR, ctx -> save(ctx, null)),
                DeskRoute.get("/desk/pages/{id}", Role.EDITOR, ctx -> {
                    StaticPage p = pages.byId(ctx.pathParam("id")).orElseThrow(() -> new NotFound("There is no page with this id."));
                    form(ctx, new PageForm(DeskRoutes.chrome(ctx), p.id(), p.title(), p.slug(), p.bodyHtml(), p.published(), p.position(), Map.of(),
                            "saved".equals(ctx.queryParam("done")) ? "Saved." : null), 200);
                }),
                DeskRoute.post("/desk/pages/{id}", Role.EDITOR, ctx -> save(ctx, ctx.pathParam("id"))));
    }

    private void save(Context ctx, String id) {
        if (id != null && pages.byId(id).isEmpty()) {
            throw new NotFound("There is no page with this id.");
        }
        String title = DeskRoutes.formParam(ctx, "title");
        String slug = DeskRoutes.formParam(ctx, "slug");
        String body = DeskRoutes.formParam(ctx, "bodyHtml");
        boolean published = !DeskRoutes.formParam(ctx, "published").isBlank();
        int position;
        try {
            position = Integer.parseInt(DeskRoutes.formParam(ctx, "position").strip());
        } catch (NumberFormatException e) {
            position = 0;
        }
        try {
            StaticPage saved = content.savePage(id, title, slug, body, published, position);
            ctx.redirect("/desk/pages/" + saved.id() + "?done=saved", HttpStatus.SEE_OTHER);
        } catch (ValidationFailed e) {
            form(ctx, new PageForm(DeskRoutes.chrome(ctx), id, title, slug, body, published, position, e.errors().asMap(), null), 422);
        }
    }

    private void form(Context ctx, PageForm page, int status) {
        html(ctx, status, "desk/static-page.jte", page);
    }

    private void html(Context ctx, int status, String template, Object page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render(template, page));
    }
}
