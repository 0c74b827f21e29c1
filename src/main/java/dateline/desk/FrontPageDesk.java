package dateline.desk;

import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.BreakingNews;
import dateline.content.ContentService;
import dateline.content.Listing;
import dateline.platform.BadRequest;
import dateline.platform.Conflict;
import dateline.platform.Templates;
import dateline.platform.ValidationFailed;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The editors' front page: which published stories lead it, in which order. Every button sends the
 * list as the editor saw it, so two editors changing it at once cannot undo each other unnoticed.
 */
public final class FrontPageDesk {
    private final ContentService content;
    private final ArticleRepository articles;
    private final Templates templates;
    private final String siteName;
    private final DeskAssets assets;
    private final BreakingNews breaking;

    /** A chosen story; {@code article} is null if it no longer exists. */
    public record Chosen(String id, Article article) {
        public boolean onSite() {
            return article != null && article.isPublished();
        }

        public String headline() {
            return article == null ? id : article.headline();
        }
    }

    /**
     * The page: the chosen stories, the stories found to add, the breaking-news strip (or null) with
     * the stories it may link to, and what happened.
     */
    public record FrontPage(DeskChrome chrome, List<Chosen> chosen, String query, List<Article> found, String notice, String error,
                            BreakingNews.Strip breaking, List<Article> linkable, String breakingError, String typedBreaking) {
        /** The list as shown, sent back with every button. */
        public String base() {
            return String.join(",", chosen.stream().map(Chosen::id).toList());
        }

        public boolean full() {
            return chosen.size() >= ContentService.FRONT_PAGE_CHOICES;
        }

        public boolean isChosen(String id) {
            return chosen.stream().anyMatch(c -> c.id().equals(id));
        }
    }

    public FrontPageDesk(ContentService content, ArticleRepository articles, BreakingNews breaking, Templates templates, String siteName,
                         DeskAssets assets) {
        this.breaking = breaking;
        this.content = content;
        this.articles = articles;
        this.templates = templates;
        this.siteName = siteName;
        this.assets = assets;
    }

    /** The front page's routes, for editors. */
    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/front", Role.EDITOR, this::page),
                DeskRoute.post("/desk/front", Role.EDITOR, this::change),
                DeskRoute.post("/desk/breaking", Role.EDITOR, this::changeBreaking));
    }

    void page(Context ctx) {
        String done = Optional.ofNullable(ctx.queryParam("done")).orElse("");
        render(ctx, 200, switch (done) {
            case "saved" -> "Saved. The front page shows the change now.";
            case "breaking" -> "The breaking-news strip is up on every page.";
            case "cleared" -> "The breaking-news strip is down.";
            default -> null;
        }, null, null, "");
    }

    /** Puts up, replaces or takes down the breaking-news strip. */
    void changeBreaking(Context ctx) {
        String text = DeskRoutes.formParam(ctx, "breakingText");
        try {
            if (DeskRoutes.formParam(ctx, "op").equals("clear")) {
                content.clearBreaking();
                ctx.redirect("/desk/front?done=cleared", HttpStatus.SEE_OTHER);
            } else {
                content.setBreaking(text, DeskRoutes.formParam(ctx, "breakingStory"));
                ctx.redirect("/desk/front?done=breaking", HttpStatus.SEE_OTHER);
            }
        } catch (ValidationFailed e) {
            render(ctx, 422, null, null, DeskLookups.firstError(e), text);
        }
    }

    /** One button: add, remove, or move a story; the result replaces the list the editor saw. */
    void change(Context ctx) {
        List<String> base = ids(DeskRoutes.formParam(ctx, "base"));
        String[] op = DeskRoutes.formParam(ctx, "op").split(":", 2);
        if (op.length != 2 || op[1].isBlank()) {
            throw new BadRequest("Say what to do: add, remove, up or down, and which story.");
        }
        List<String> changed = new ArrayList<>(base);
        int at = changed.indexOf(op[1]);
        switch (op[0]) {
            case "add" -> {
                if (at < 0) {
                    changed.add(op[1]);
                }
            }
            case "remove" -> changed.remove(op[1]);
            case "up" -> {
                if (at > 0) {
                    Collections.swap(changed, at, at - 1);
                }
            }
            case "down" -> {
                if (at >= 0 && at < changed.size() - 1) {
                    Collections.swap(changed, at, at + 1);
                }
            }
            default -> throw new BadRequest("'" + op[0] + "' is not something the front page can do: add, remove, up or down.");
        }
        try {
            content.setFrontPage(base, changed);
            ctx.redirect("/desk/front?done=saved", HttpStatus.SEE_OTHER);
        } catch (Conflict e) {
            render(ctx, 409, null, e.getMessage(), null, "");
        } catch (ValidationFailed e) {
            render(ctx, 422, null, DeskLookups.firstError(e), null, "");
        }
    }

    private void render(Context ctx, int status, String notice, String error, String breakingError, String typedBreaking) {
        List<Chosen> chosen = articles.frontPageIds().stream().map(id -> new Chosen(id, articles.findById(id).orElse(null))).toList();
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        List<Article> found = query.isEmpty() ? List.of() : articles.withHeadline(query, null, null, 50).stream().filter(Article::isPublished).limit(20).toList();
        FrontPage page = new FrontPage(DeskChrome.of(siteName, assets, ctx.attribute("session")), chosen, query, found, notice, error,
                breaking.current().orElse(null), articles.published(Listing.ALL, 30, 0), breakingError, typedBreaking);
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render("desk/front.jte", page));
    }

    private static List<String> ids(String joined) {
        return Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
