package dateline.site;

import dateline.content.SurrogateKeys;
import dateline.platform.StaticAssets;
import dateline.platform.Page;
import dateline.content.BreakingNews;
import dateline.content.SettingsRepository;
import dateline.content.TaxonomyRepository;
import dateline.content.StaticPages;
import dateline.platform.Config;
import dateline.platform.Templates;
import io.javalin.http.Context;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every public page shares: its frame ({@link Chrome}), rendering through the page cache, and
 * the error page. The site's route classes each hold one.
 */
public final class SiteFrame {
    static final String HTML = "text/html; charset=utf-8";

    /** A rendered page and the surrogate keys of what it shows. */
    record Rendered(byte[] body, Set<String> keys) {}

    private final Config config;
    private final TaxonomyRepository taxonomy;
    private final SettingsRepository settings;
    private final BreakingNews breaking;
    private final PageCache cache;
    private final Templates templates;
    private final StaticAssets assets;

    private final StaticPages staticPages;

    public SiteFrame(Config config, TaxonomyRepository taxonomy, SettingsRepository settings, BreakingNews breaking, PageCache cache,
                     Templates templates, StaticAssets assets, StaticPages staticPages) {
        this.staticPages = staticPages;
        this.config = config;
        this.taxonomy = taxonomy;
        this.settings = settings;
        this.breaking = breaking;
        this.cache = cache;
        this.templates = templates;
        this.assets = assets;
    }

    Chrome chrome(String path) {
        return new Chrome(config.siteName(), config.siteUrl(), taxonomy.sections(), assets, settings.settings(), config.zone(), path,
                breaking.current().orElse(null), staticPages.published());
    }

    StaticPages staticPages() {
        return staticPages;
    }

    Config config() {
        return config;
    }

    PageCache cache() {
        return cache;
    }

    StaticAssets assets() {
        return assets;
    }

    byte[] render(String template, Object page) {
        return templates.render(template, page);
    }

    /** Serves a page from the cache, or renders, keeps and serves it. */
    void serve(Context ctx, String key, Supplier<Rendered> render) {
        Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            Rendered rendered = render.get();
            page = keep(key, rendered.body(), rendered.keys(), generation);
        }
        Responses.send(ctx, page);
    }

    /**
     * Keeps a rendered HTML page in the cache under {@code key}, unless an eviction happened since
     * {@code generation}. While the breaking-news strip shows, the page also carries the key of the
     * strip's story: when that story changes (unpublished, a new address), so does every page.
     */
    Page keep(String key, byte[] body, Set<String> keys, long generation) {
        BreakingNews.Strip strip = breaking.current().orElse(null);
        Set<String> all = keys;
        if (strip != null) {
            all = new java.util.HashSet<>(keys);
            all.add(SurrogateKeys.article(strip.articleId()));
        }
        return cache.put(key, body, all, HTML, Responses.PAGE_CACHE_CONTROL, generation);
    }

    /** Renders the error page inside the site frame; used for every HTML error status. */
    public void renderError(Context ctx, int status, String message) {
        String title = switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign-in needed";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 429 -> "Too many attempts";
            case 409 -> "Conflict";
            case 410 -> "Story removed";
            case 422 -> "Invalid input";
            default -> "Something went wrong";
        };
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Surrogate-Key", "error nav");
        ctx.contentType(HTML);
        ctx.result(templates.render("site/error.jte", new ErrorPage(chrome(ctx.path()), status, title, message)));
    }
}
