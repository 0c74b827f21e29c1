package dateline.site;

import dateline.content.SurrogateKeys;
import dateline.platform.Page;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.Listing;
import dateline.content.Section;
import dateline.content.TaxonomyRepository;
import dateline.content.Urls;
import dateline.feeds.Feed;
import dateline.feeds.FeedWriter;
import dateline.feeds.Sitemaps;
import dateline.platform.NotFound;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) for the site and each section, tag and author, plus
 * robots.txt, the sitemaps and the Google News sitemap. All go through the page cache, so they carry
 * ETags, Last-Modified and surrogate keys and are rebuilt only when the stories they list change.
 */
public final class FeedRoutes {
    private static final String RSS = "application/rss+xml; charset=utf-8";
    private static final String ATOM = "application/atom+xml; charset=utf-8";
    private static final String JSON_FEED = "application/feed+json; charset=utf-8";
    private static final String XML = "application/xml; charset=utf-8";

    private final SiteFrame frame;
    private final ArticleRepository articles;
    private final TaxonomyRepository taxonomy;
    private final FeedWriter writer;
    private final Sitemaps sitemaps;

    public FeedRoutes(SiteFrame frame, ArticleRepository articles, TaxonomyRepository taxonomy, FeedWriter writer, Sitemaps sitemaps) {
        this.frame = frame;
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.writer = writer;
        this.sitemaps = sitemaps;
    }

    /** Routes with fixed first segments; register before the article and section routes. */
    public void addTo(RoutesConfig routes) {
        routes.get("/robots.txt", ctx -> serve(ctx, "text/plain; charset=utf-8", Set.of("robots"), sitemaps::robots));
        routes.get("/sitemap.xml", ctx -> serve(ctx, XML, Set.of(SurrogateKeys.HOME, SurrogateKeys.NAV), sitemaps::index));
        routes.get("/news-sitemap.xml", ctx -> serve(ctx, XML, Set.of(SurrogateKeys.HOME), sitemaps::news));
        routes.get("/sitemaps/{file}", this::monthSitemap);
        routes.get("/feed.xml", ctx -> feed(ctx, "/", "feed.xml"));
        routes.get("/atom.xml", ctx -> feed(ctx, "/", "atom.xml"));
        routes.get("/feed.json", ctx -> feed(ctx, "/", "feed.json"));
        routes.get("/tag/{slug}/{file}", ctx -> feed(ctx, "/tag/" + ctx.pathParam("slug"), ctx.pathParam("file")));
        routes.get("/author/{slug}/{file}", ctx -> feed(ctx, "/author/" + ctx.pathParam("slug"), ctx.pathParam("file")));
    }

    /** A section's feeds: a two-segment address, so register after every other two-segment route. */
    public void addSectionRouteTo(RoutesConfig routes) {
        routes.get("/{section}/{file}", ctx -> feed(ctx, "/" + ctx.pathParam("section"), ctx.pathParam("file")));
    }

    private interface Body {
        byte[] make();
    }

    private void serve(Context ctx, String contentType, Set<String> keys, Body body) {
        String key = ctx.path();
        PageCache cache = frame.cache();
        Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            page = cache.put(key, body.make(), keys, contentType, Responses.PAGE_CACHE_CONTROL, generation);
        }
        Responses.send(ctx, page);
    }

    private void monthSitemap(Context ctx) {
        String file = ctx.pathParam("file");
        if (file.equals("pages.xml")) {
            byte[] pages = sitemaps.pages();
            if (pages == null) {
                throw new NotFound("There is no sitemap at this address.");
            }
            serve(ctx, XML, Set.of(SurrogateKeys.NAV), () -> pages);
            return;
        }
        String name = file.endsWith(".xml") ? file.substring(0, file.length() - 4) : "";
        String[] parts = name.split("-");
        YearMonth month = parts.length >= 2 ? Sitemaps.parseMonth(parts[0] + "-" + parts[1]) : null;
        int part = parts.length == 3 && parts[2].matches("[2-9]|[1-9][0-9]{1,5}") ? Integer.parseInt(parts[2]) : parts.length == 2 ? 1 : -1;
        if (month == null || part < 1) {
            throw new NotFound("There is no sitemap at this address.");
        }
        byte[] body = sitemaps.month(month, part);
        if (body == null) {
            throw new NotFound("There is no sitemap at this address.");
        }
        serve(ctx, XML, Set.of(SurrogateKeys.HOME), () -> body);
    }

    private void feed(Context ctx, String scope, String file) {
        String contentType = switch (file) {
            case "feed.xml" -> RSS;
            case "atom.xml" -> ATOM;
            case "feed.json" -> JSON_FEED;
            default -> throw new NotFound("There is no feed at this address.");
        };
        String key = ctx.path();
        PageCache cache = frame.cache();
        Page page = cache.get(key).orElse(null);
        if (page == null) {
            long generation = cache.generation();
            Feed feed = feedFor(scope);
            byte[] body = switch (file) {
                case "feed.xml" -> writer.rss(feed);
                case "atom.xml" -> writer.atom(feed);
                default -> writer.json(feed);
            };
            Set<String> keys = new LinkedHashSet<>(feed.keys());
            keys.add(SurrogateKeys.FEED);
            page = cache.put(key, body, keys, contentType, Responses.PAGE_CACHE_CONTROL, feed.updated(), generation);
        }
        Responses.send(ctx, page);
    }

    private Feed feedFor(String scope) {
        String site = frame.config().siteName();
        if (scope.equals("/")) {
            return new Feed(site, "The latest news from " + site + ".", "/", articles.published(Listing.ALL, Feed.SIZE, 0), List.of(SurrogateKeys.HOME, SurrogateKeys.NAV));
        }
        if (scope.startsWith("/tag/")) {
            var tag = taxonomy.tagBySlug(scope.substring(5)).orElseThrow(() -> new NotFound("There is no topic at this address."));
            return new Feed(tag.name() + " | " + site, "Stories about " + tag.name() + ".", Urls.tag(tag),
                    articles.published(Listing.tag(tag.id()), Feed.SIZE, 0), List.of(SurrogateKeys.tag(tag.id()), SurrogateKeys.NAV));
        }
        if (scope.startsWith("/author/")) {
            var author = taxonomy.authorBySlug(scope.substring(8)).orElseThrow(() -> new NotFound("There is no author at this address."));
            return new Feed(author.name() + " | " + site, "Stories by " + author.name() + ".", Urls.author(author),
                    articles.published(Listing.author(author.id()), Feed.SIZE, 0), List.of(SurrogateKeys.author(author.id()), SurrogateKeys.NAV));
        }
        Section section = taxonomy.sectionBySlug(scope.substring(1)).orElseThrow(() -> new NotFound("There is no section at this address."));
        List<Article> items = articles.published(Listing.section(section.id()), Feed.SIZE, 0);
        return new Feed(section.name() + " | " + site, section.description().isEmpty() ? section.name() + " news." : section.description(),
                Urls.section(section), items, List.of(SurrogateKeys.section(section.id()), SurrogateKeys.NAV));
    }
}
