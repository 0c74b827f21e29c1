package dateline.site;

import dateline.content.SurrogateKeys;
import dateline.platform.Page;
import dateline.content.Urls;
import dateline.content.Status;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.platform.NotFound;
import dateline.search.RelatedStories;
import dateline.trending.TrendingJob;
import dateline.trending.TrendingList;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A story's page at /yyyy/mm/dd/slug and its reader view at …/read.
 *
 * <p>An old slug or a wrong date answers 301 to the canonical address; an unpublished story 410.
 * The page carries the keys of the stories it links to in Read more, so it is rendered again when
 * one of them changes or is withdrawn.
 */
public final class ArticleRoutes {
    static final String STORY_GONE = "This story is no longer available.";
    static final String NO_STORY = "There is no story at this address.";

    private final SiteFrame frame;
    private final ArticleRepository articles;
    private final ReadStore reads;
    private final RelatedStories related;
    private final TrendingList trending;

    public ArticleRoutes(SiteFrame frame, ArticleRepository articles, ReadStore reads, RelatedStories related, TrendingList trending) {
        this.frame = frame;
        this.articles = articles;
        this.reads = reads;
        this.related = related;
        this.trending = trending;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/{year}/{month}/{day}/{slug}", ctx -> article(ctx, false));
        routes.get("/{year}/{month}/{day}/{slug}/read", ctx -> article(ctx, true));
    }

    /**
     * The public article page for a story as the desk has it, unsaved changes included: the same
     * template, frame, Read more and Top Content as readers get, with the story shown as published
     * (a draft gets the current time as its publication time).
     */
    public byte[] preview(Article draft, java.time.Instant now) {
        Article article = new Article(draft.id(), draft.slug(), draft.headline(), draft.standfirst(), draft.bodyHtml(), draft.datelinePlace(),
                draft.section(), draft.authors(), draft.tags(), draft.leadImage(), draft.language(), draft.source(), Status.PUBLISHED,
                draft.version(), draft.createdAt(), draft.modifiedAt(), draft.firstPublishedAt() == null ? now : draft.firstPublishedAt(),
                draft.updatedAt(), null, draft.corrections(), draft.relatedIds());
        String articlePath = Urls.article(article, frame.config().zone());
        return frame.render("site/article.jte", new ArticlePage(frame.chrome(articlePath), article, related.forPreview(article), trending.trending()));
    }

    private void article(Context ctx, boolean readMode) {
        String slug = ctx.pathParam("slug");
        String requested = ctx.path();
        PageCache cache = frame.cache();
        Page cached = cache.get(requested).orElse(null);
        if (cached != null) {
            Responses.send(ctx, cached);
            return;
        }
        long generation = cache.generation();
        Article article = reads.articleBySlug(slug)
                .or(() -> articles.redirectTarget(slug).flatMap(articles::findById))
                .orElseThrow(() -> new NotFound(NO_STORY));
        if (!article.isPublished()) {
            if (article.wasEverPublished()) {
                frame.renderError(ctx, 410, STORY_GONE);
                return;
            }
            throw new NotFound(NO_STORY);
        }
        String articlePath = Urls.article(article, frame.config().zone());
        String canonical = readMode ? articlePath + "/read" : articlePath;
        if (!canonical.equals(requested)) {
            ctx.redirect(canonical, HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        Set<String> keys = new LinkedHashSet<>(List.of(SurrogateKeys.NAV, SurrogateKeys.article(article.id())));
        byte[] body;
        if (readMode) {
            body = frame.render("site/read-mode.jte", new ReadModePage(frame.chrome(articlePath), article));
        } else {
            List<Article> readMore = related.forArticle(article);
            readMore.forEach(r -> keys.add(SurrogateKeys.article(r.id())));
            List<Article> top = trending.trending();
            keys.add(TrendingJob.SURROGATE_KEY);
            top.forEach(t -> keys.add(SurrogateKeys.article(t.id()))); // an unpublished one leaves this page at once
            body = frame.render("site/article.jte", new ArticlePage(frame.chrome(articlePath), article, readMore, top));
        }
        Responses.send(ctx, frame.keep(canonical, body, keys, generation));
    }
}
