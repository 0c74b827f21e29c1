package dateline.site;

import dateline.content.SurrogateKeys;
import dateline.platform.Page;
import dateline.content.ImageUpload;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.Listing;
import dateline.content.ImageRenditions;
import dateline.content.ImageRepository;
import dateline.content.Section;
import dateline.content.StaticPage;
import dateline.content.TaxonomyRepository;
import dateline.platform.BadRequest;
import dateline.platform.NotFound;
import dateline.trending.TrendingJob;
import dateline.trending.TrendingList;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import dateline.platform.Png;
import dateline.platform.StaticAssets;

/**
 * The site's fronts: home, section, tag and author pages, Most read, plus images and static assets.
 *
 * <p>Every page goes through the {@link PageCache}: a hit is bytes and an ETag (usually answered by
 * {@link CachedPageHandler} before it reaches a route); a miss reads the database, renders the
 * precompiled template and keeps the result.
 */
public final class SiteRoutes {
    static final String PAGE_NOT_A_NUMBER = "The page number must be a whole number from 1 up, not '%s'.";
    static final String NO_SUCH_PAGE = "There is no page %d here: the list has %d page(s).";

    private final SiteFrame frame;
    private final ArticleRepository articles;
    private final TaxonomyRepository taxonomy;
    private final ImageRepository images;
    private final ImageRenditions renditions;
    /** Originals larger than this are served from SQL each time rather than kept in the page cache. */
    static final int CACHED_ORIGINAL_BYTES = 1024 * 1024;
    private final TrendingList trending;

    private final LegacyRedirects legacy;

    public SiteRoutes(SiteFrame frame, ArticleRepository articles, TaxonomyRepository taxonomy, ImageRepository images,
                      ImageRenditions renditions, TrendingList trending, LegacyRedirects legacy) {
        this.legacy = legacy;
        this.renditions = renditions;
        this.frame = frame;
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.images = images;
        this.trending = trending;
    }

    public void addTo(RoutesConfig routes) {
        // One address per page: /tag/x/ and /2024/06/05/story/ (old WordPress forms) move to the form without the slash.
        routes.before(ctx -> {
            String path = ctx.path();
            if (path.length() > 1 && path.endsWith("/") && (ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD"))) {
                if (legacy.redirect(ctx, path)) { // an old address: straight to where it lives now, in one hop
                    ctx.skipRemainingHandlers();
                    return;
                }
                String query = ctx.queryString();
                ctx.header("Location", path.replaceFirst("/+$", "").replaceFirst("^$", "/") + (query == null ? "" : "?" + query));
                ctx.header("Cache-Control", "public, max-age=3600");
                ctx.status(301);
                ctx.skipRemainingHandlers();
            }
        });
        routes.get("/", ctx -> {
            String p = ctx.queryParam("p"); // WordPress's own address of a post: /?p=ID, of a page: /?page_id=ID
            if (p != null && p.matches("\\d{1,12}") && legacy.redirect(ctx, "/?p=" + p)) {
                return;
            }
            String pageId = ctx.queryParam("page_id");
            if (pageId != null && pageId.matches("\\d{1,12}") && legacy.redirect(ctx, "/?page_id=" + pageId)) {
                return;
            }
            frame.serve(ctx, "/", this::home);
        });
        frame.assets().all().forEach((path, page) -> routes.get(path, ctx -> Responses.send(ctx, page)));
        routes.get("/favicon.ico", this::icon);
        routes.get("/media/{file}", this::image);
        routes.get("/media/{id}/{file}", this::rendition);
        routes.get("/most-read", ctx -> mostRead(ctx, TrendingList.Period.DAY));
        routes.get("/most-read/{period}", ctx -> {
            TrendingList.Period period = TrendingList.Period.fromSlug(ctx.pathParam("period"));
            if (period == null || period == TrendingList.Period.DAY) {
                throw new NotFound("There is no such Most read list.");
            }
            mostRead(ctx, period);
        });
        routes.get("/tag/{slug}", ctx -> listPage(ctx, "/tag/" + ctx.pathParam("slug")));
        routes.get("/author/{slug}", ctx -> listPage(ctx, "/author/" + ctx.pathParam("slug")));
    }

    /** Added last: a section's address is a single path segment, so it must not shadow other routes. */
    public void addSectionRouteTo(RoutesConfig routes) {
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

    static final int FRONT_PAGE_STORIES = 13;

    private SiteFrame.Rendered home() {
        // The stories editors chose come first, in their order; the latest stories fill the rest.
        List<Article> chosen = articles.frontPage();
        Set<String> chosenIds = chosen.stream().map(Article::id).collect(java.util.stream.Collectors.toSet());
        List<Article> latest = new ArrayList<>(chosen);
        articles.published(Listing.ALL, FRONT_PAGE_STORIES + chosen.size(), 0).stream().filter(a -> !chosenIds.contains(a.id()))
                .limit(Math.max(0, FRONT_PAGE_STORIES - chosen.size())).forEach(latest::add);
        Article lead = latest.isEmpty() ? null : latest.get(0);
        List<HomePage.SectionBlock> blocks = new ArrayList<>();
        Chrome chrome = frame.chrome("/");
        for (Section section : chrome.sections()) {
            List<Article> inSection = articles.published(Listing.section(section.id()), 4, 0);
            if (!inSection.isEmpty()) {
                blocks.add(new HomePage.SectionBlock(section, inSection));
            }
        }
        List<Article> rest = latest.isEmpty() ? List.of() : latest.subList(1, latest.size());
        HomePage page = new HomePage(chrome, lead, rest, blocks, trending.trending());
        return new SiteFrame.Rendered(frame.render("site/home.jte", page), Set.of(SurrogateKeys.HOME, SurrogateKeys.NAV, SurrogateKeys.TRENDING));
    }

    private void mostRead(Context ctx, TrendingList.Period period) {
        String path = period == TrendingList.Period.DAY ? "/most-read" : "/most-read/" + period.slug;
        frame.serve(ctx, path, () -> {
            MostReadPage page = new MostReadPage(frame.chrome(path), period, trending.mostRead(period));
            return new SiteFrame.Rendered(frame.render("site/most-read.jte", page), Set.of(SurrogateKeys.NAV, SurrogateKeys.TRENDING));
        });
    }

    private void listPage(Context ctx, String path) {
        int pageNumber = pageNumber(ctx);
        String key = pageNumber == 1 ? path : path + "?page=" + pageNumber;
        frame.serve(ctx, key, () -> {
            Chrome chrome = frame.chrome(path);
            if (path.startsWith("/tag/")) {
                var tag = taxonomy.tagBySlug(path.substring(5)).orElseThrow(() -> new NotFound("There is no topic at this address."));
                Listing listing = Listing.tag(tag.id());
                int count = articles.countPublished(listing);
                if (count == 0) { // a tag only drafts carry is not public yet
                    throw new NotFound("There is no topic at this address.");
                }
                Pagination pagination = paginate(pageNumber, count, path);
                var list = articles.published(listing, Pagination.PAGE_SIZE, pagination.offset());
                return new SiteFrame.Rendered(frame.render("site/tag.jte", new TagPage(chrome, tag, list, pagination)), Set.of(SurrogateKeys.NAV, SurrogateKeys.tag(tag.id())));
            }
            if (path.startsWith("/author/")) {
                var author = taxonomy.authorBySlug(path.substring(8)).orElseThrow(() -> new NotFound("There is no author at this address."));
                Listing listing = Listing.author(author.id());
                Pagination pagination = paginate(pageNumber, articles.countPublished(listing), path);
                var list = articles.published(listing, Pagination.PAGE_SIZE, pagination.offset());
                return new SiteFrame.Rendered(frame.render("site/author.jte", new AuthorPage(chrome, author, list, pagination)), Set.of(SurrogateKeys.NAV, SurrogateKeys.author(author.id())));
            }
            Optional<Section> found = taxonomy.sectionBySlug(path.substring(1));
            if (found.isEmpty()) { // a static page (About, Contact …) lives beside the sections
                StaticPage page = frame.staticPages().publishedBySlug(path.substring(1))
                        .orElseThrow(() -> new NotFound("There is no section or page at this address."));
                return new SiteFrame.Rendered(frame.render("site/static-page.jte", new StaticPageView(chrome, page)),
                        Set.of(SurrogateKeys.NAV, SurrogateKeys.page(page.id())));
            }
            Section section = found.get();
            Listing listing = Listing.section(section.id());
            Pagination pagination = paginate(pageNumber, articles.countPublished(listing), path);
            var list = articles.published(listing, Pagination.PAGE_SIZE, pagination.offset());
            return new SiteFrame.Rendered(frame.render("site/section.jte", new SectionPage(chrome, section, list, pagination)), Set.of(SurrogateKeys.NAV, SurrogateKeys.section(section.id())));
        });
    }

    private static Pagination paginate(int pageNumber, int total, String path) {
        Pagination pagination = Pagination.of(pageNumber, total, path);
        if (pageNumber > pagination.totalPages()) {
            throw new NotFound(NO_SUCH_PAGE.formatted(pageNumber, pagination.totalPages()));
        }
        return pagination;
    }

    static int pageNumber(Context ctx) {
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

    private void rendition(Context ctx) {
        String id = ctx.pathParam("id");
        String file = ctx.pathParam("file");
        String name = file.endsWith(".jpg") ? file.substring(0, file.length() - 4) : "";
        if (!ImageUpload.CROPS.contains(name) && !name.matches("w\\d+")) {
            throw new NotFound("There is no image at this address.");
        }
        String key = ctx.path();
        PageCache cache = frame.cache();
        Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            var image = images.find(id).filter(i -> ImageUpload.names(i.width()).contains(name))
                    .orElseThrow(() -> new NotFound("There is no image at this address."));
            // Made when the image was stored; an image from an archive import gets all of its renditions made and stored once.
            byte[] bytes = renditions.rendition(id, name).orElseThrow(() -> new NotFound("There is no image at this address."));
            page = cache.put(key, bytes, Set.of(SurrogateKeys.image(image.id())), "image/jpeg", Responses.IMMUTABLE, generation);
        }
        Responses.send(ctx, page);
    }

    /** The site icon: the admin's chosen image, made 64×64 once (kept in the page cache), or the default mark. */
    private void icon(Context ctx) {
        String key = "/favicon.ico";
        PageCache cache = frame.cache();
        Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            String chosen = frame.chrome(key).settings().iconImageId();
            Optional<byte[]> original = chosen.isEmpty() ? Optional.empty() : images.data(chosen);
            byte[] png = original.map(SiteRoutes::icon).orElseGet(() -> frame.assets().defaultIcon());
            Set<String> keys = original.isPresent() ? Set.of(SurrogateKeys.SETTINGS, SurrogateKeys.image(chosen)) : Set.of(SurrogateKeys.SETTINGS);
            page = cache.put(key, png, keys, "image/png", "public, max-age=86400", generation);
        }
        Responses.send(ctx, page);
    }

    /** The middle square of an image (its original, so the icon's colours are exact), 64×64, as PNG. */
    private static byte[] icon(byte[] original) {
        BufferedImage image = ImageUpload.read(original);
        int side = Math.min(image.getWidth(), image.getHeight());
        int x = (image.getWidth() - side) / 2;
        int y = (image.getHeight() - side) / 2;
        BufferedImage icon = new BufferedImage(StaticAssets.ICON_SIZE, StaticAssets.ICON_SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = icon.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, StaticAssets.ICON_SIZE, StaticAssets.ICON_SIZE, x, y, x + side, y + side, null);
        g.dispose();
        return Png.of(icon);
    }

    private void image(Context ctx) {
        String file = ctx.pathParam("file");
        String id = file.replaceFirst("\\.(jpg|png|webp)$", "");
        String key = "/media/" + file;
        PageCache cache = frame.cache();
        Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            var image = images.find(id).filter(i -> i.path().equals(key)).orElseThrow(() -> new NotFound("There is no image at this address."));
            byte[] data = images.data(id).orElseThrow();
            if (data.length > CACHED_ORIGINAL_BYTES) { // a 20 MB original would push every page out of the cache
                Responses.send(ctx, new Page(data, null, Page.etag(data), Set.of(SurrogateKeys.image(id)), image.contentType(), Responses.IMMUTABLE, null));
                return;
            }
            page = cache.put(key, data, Set.of(SurrogateKeys.image(id)), image.contentType(), Responses.IMMUTABLE, generation);
        }
        Responses.send(ctx, page);
    }
}
