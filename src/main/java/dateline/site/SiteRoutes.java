package dateline.site;

import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.ArticleRepository.Listing;
import dateline.content.ImageRepository;
import dateline.content.Section;
import dateline.content.TaxonomyRepository;
import dateline.platform.BadRequest;
import dateline.platform.Config;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The public site: front page, section, tag, author and article pages, images and the stylesheet.
 *
 * <p>Every page goes through the {@link PageCache}: a hit is bytes and an ETag; a miss reads the
 * database, renders the precompiled template and keeps the result.
 */
public final class SiteRoutes {
    static final String PAGE_NOT_A_NUMBER = "The page number must be a whole number from 1 up, not '%s'.";
    static final String NO_SUCH_PAGE = "There is no page %d here: the list has %d page(s).";
    static final String STORY_GONE = "This story is no longer available.";
    private static final String HTML = "text/html; charset=utf-8";

    private final Config config;
    private final ArticleRepository articles;
    private final ReadStore reads;
    private final TaxonomyRepository taxonomy;
    private final ImageRepository images;
    private final PageCache cache;
    private final Templates templates;
    private final StaticAssets assets;

    public SiteRoutes(Config config, ArticleRepository articles, ReadStore reads, TaxonomyRepository taxonomy, ImageRepository images,
                      PageCache cache, Templates templates, StaticAssets assets) {
        this.config = config;
        this.articles = articles;
        this.reads = reads;
        this.taxonomy = taxonomy;
        this.images = images;
        this.cache = cache;
        this.templates = templates;
        this.assets = assets;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> page(ctx, "/", this::home));
        routes.get(assets.cssPath(), ctx -> Responses.send(ctx, assets.css()));
        routes.get("/media/{file}", this::image);
        routes.get("/tag/{slug}", ctx -> listPage(ctx, "/tag/" + ctx.pathParam("slug")));
        routes.get("/author/{slug}", ctx -> listPage(ctx, "/author/" + ctx.pathParam("slug")));
        routes.get("/{year}/{month}/{day}/{slug}", this::article);
        routes.get("/{section}", ctx -> listPage(ctx, "/" + ctx.pathParam("section")));
    }

    /**
     * The page-cache key of a request, or null when its query makes it uncacheable. Every page is
     * cached under its path; list pages after the first under {@code path?page=N}.
     */
    static String cacheKey(String path, String query) {
        if (query == null || query.isEmpty()) {
            return path;
        }
        return query.matches("page=[1-9][0-9]{0,5}") && !query.equals("page=1") ? path + "?" + query : null;
    }

    /** Serves a page from the cache, or renders, keeps and serves it. */
    private void page(Context ctx, String key, Supplier<Rendered> render) {
        PageCache.Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            Rendered rendered = render.get();
            page = cache.put(key, rendered.body(), rendered.keys(), HTML, Responses.PAGE_CACHE_CONTROL, generation);
        }
        Responses.send(ctx, page);
    }

    private record Rendered(byte[] body, Set<String> keys) {}

    private Chrome chrome(String path) {
        return new Chrome(config.siteName(), config.siteUrl(), taxonomy.sections(), assets.cssPath(), config.zone(), path);
    }

    private Rendered home() {
        List<Article> latest = articles.published(Listing.ALL, 13, 0);
        Article lead = latest.isEmpty() ? null : latest.get(0);
        List<HomePage.SectionBlock> blocks = new ArrayList<>();
        Chrome chrome = chrome("/");
        for (Section section : chrome.sections()) {
            List<Article> inSection = articles.published(Listing.section(section.id()), 4, 0);
            if (!inSection.isEmpty()) {
                blocks.add(new HomePage.SectionBlock(section, inSection));
            }
        }
        List<Article> rest = latest.isEmpty() ? List.of() : latest.subList(1, latest.size());
        return new Rendered(templates.render("site/home.jte", new HomePage(chrome, lead, rest, blocks)), Set.of("home", "nav"));
    }

    private void listPage(Context ctx, String path) {
        int pageNumber = pageNumber(ctx);
        String key = pageNumber == 1 ? path : path + "?page=" + pageNumber;
        page(ctx, key, () -> {
            Chrome chrome = chrome(path);
            if (path.startsWith("/tag/")) {
                var tag = taxonomy.tagBySlug(path.substring(5)).orElseThrow(() -> new NotFound("There is no topic at this address."));
                Listing listing = Listing.tag(tag.id());
                Pagination pagination = paginate(pageNumber, articles.countPublished(listing), path);
                var list = articles.published(listing, Pagination.PAGE_SIZE, pagination.offset());
                return new Rendered(templates.render("site/tag.jte", new TagPage(chrome, tag, list, pagination)), Set.of("nav", "tag:" + tag.id()));
            }
            if (path.startsWith("/author/")) {
                var author = taxonomy.authorBySlug(path.substring(8)).orElseThrow(() -> new NotFound("There is no author at this address."));
                Listing listing = Listing.author(author.id());
                Pagination pagination = paginate(pageNumber, articles.countPublished(listing), path);
                var list = articles.published(listing, Pagination.PAGE_SIZE, pagination.offset());
                return new Rendered(templates.render("site/author.jte", new AuthorPage(chrome, author, list, pagination)), Set.of("nav", "author:" + author.id()));
            }
            Section section = taxonomy.sectionBySlug(path.substring(1)).orElseThrow(() -> new NotFound("There is no section at this address."));
            Listing listing = Listing.section(section.id());
            Pagination pagination = paginate(pageNumber, articles.countPublished(listing), path);
            var list = articles.published(listing, Pagination.PAGE_SIZE, pagination.offset());
            return new Rendered(templates.render("site/section.jte", new SectionPage(chrome, section, list, pagination)), Set.of("nav", "section:" + section.id()));
        });
    }

    private static Pagination paginate(int pageNumber, int total, String path) {
        Pagination pagination = Pagination.of(pageNumber, total, path);
        if (pageNumber > pagination.totalPages()) {
            throw new NotFound(NO_SUCH_PAGE.formatted(pageNumber, pagination.totalPages()));
        }
        return pagination;
    }

    private static int pageNumber(Context ctx) {
        String raw = ctx.queryParam("page");
        if (raw == null) {
            return 1;
        }
        try {
            int page = Integer.parseInt(raw);
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new BadRequest(PAGE_NOT_A_NUMBER.formatted(raw));
    }

    private void article(Context ctx) {
        String slug = ctx.pathParam("slug");
        String requested = ctx.path();
        PageCache.Page cached = cache.get(requested).orElse(null);
        if (cached != null) {
            Responses.send(ctx, cached);
            return;
        }
        long generation = cache.generation();
        Article article = reads.articleBySlug(slug)
                .or(() -> articles.redirectTarget(slug).flatMap(articles::findById))
                .orElseThrow(() -> new NotFound("There is no story at this address."));
        if (!article.isPublished()) {
            if (article.wasEverPublished()) {
                renderError(ctx, 410, STORY_GONE);
                return;
            }
            throw new NotFound("There is no story at this address.");
        }
        String canonical = Urls.article(article, config.zone());
        if (!canonical.equals(requested)) {
            ctx.redirect(canonical, HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        Set<String> keys = new LinkedHashSet<>(List.of("nav", "article:" + article.id()));
        byte[] body = templates.render("site/article.jte", new ArticlePage(chrome(canonical), article));
        Responses.send(ctx, cache.put(canonical, body, keys, HTML, Responses.PAGE_CACHE_CONTROL, generation));
    }

    private void image(Context ctx) {
        String file = ctx.pathParam("file");
        String id = file.replaceFirst("\\.(jpg|png)$", "");
        String key = "/media/" + file;
        PageCache.Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            var image = images.find(id).filter(i -> i.path().equals(key)).orElseThrow(() -> new NotFound("There is no image at this address."));
            byte[] data = images.data(id).orElseThrow();
            page = cache.put(key, data, Set.of("image:" + id), image.contentType(), Responses.IMMUTABLE, generation);
        }
        Responses.send(ctx, page);
    }

    /** Renders the error page inside the site frame; used for every HTML error status. */
    public void renderError(Context ctx, int status, String message) {
        String title = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Page not found";
            case 409 -> "Conflict";
            case 410 -> "Story removed";
            case 422 -> "Invalid input";
            default -> "Something went wrong";
        };
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(HTML);
        ctx.result(templates.render("site/error.jte", new ErrorPage(chrome(ctx.path()), status, title, message)));
    }
}
