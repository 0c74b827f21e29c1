package dateline.site;

import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.LegacyPaths;
import dateline.content.Section;
import dateline.content.StaticPage;
import dateline.content.StaticPages;
import dateline.content.TaxonomyRepository;
import dateline.content.Urls;
import dateline.platform.WebServer;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Old addresses of a site Dateline replaced (imported WordPress permalinks, {@code ?p=ID}, category and
 * tag archives) answer 301 to where the story, section or tag lives now. Consulted only for what would
 * otherwise be a 404, so it costs nothing on the pages Dateline serves itself.
 */
public final class LegacyRedirects {
    private final LegacyPaths paths;
    private final ArticleRepository articles;
    private final TaxonomyRepository taxonomy;
    private final ZoneId zone;
    private final StaticPages pages;

    public LegacyRedirects(LegacyPaths paths, ArticleRepository articles, TaxonomyRepository taxonomy, StaticPages pages, ZoneId zone) {
        this.pages = pages;
        this.paths = paths;
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.zone = zone;
    }

    /** Where an old address lives now: a published story's page, a section, a tag. */
    public Optional<String> location(String pathAndQuery) {
        return paths.target(pathAndQuery).flatMap(t -> switch (t.kind()) {
            case STORY -> articles.findById(t.id()).filter(Article::isPublished).map(a -> Urls.article(a, zone));
            case SECTION -> taxonomy.sections().stream().filter(s -> s.id().equals(t.id())).findFirst().map(Section::slug).map(slug -> "/" + slug);
            case TAG -> taxonomy.tagById(t.id()).map(Urls::tag);
            case PAGE -> pages.byId(t.id()).filter(StaticPage::published).map(StaticPage::path);
        });
    }

    /** Answers 301 when the request is an old address, else lets {@code next} render the 404. */
    public WebServer.ErrorRenderer before(WebServer.ErrorRenderer next) {
        return (ctx, status, message) -> {
            if (status == 404 && (ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD")) && redirect(ctx, ctx.path())) {
                return;
            }
            next.render(ctx, status, message);
        };
    }

    /** Sends a 301 if {@code pathAndQuery} is an old address; returns whether it did. */
    boolean redirect(Context ctx, String pathAndQuery) {
        Optional<String> to = location(pathAndQuery);
        to.ifPresent(location -> {
            ctx.status(301);
            ctx.header("Location", location);
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.result("");
        });
        return to.isPresent();
    }
}
