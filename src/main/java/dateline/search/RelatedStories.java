package dateline.search;

import dateline.content.EventTypes;
import dateline.content.SurrogateKeys;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.Tag;
import dateline.platform.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * "Read more" under a story: the desk's own picks first, then stories Lucene finds alike
 * (MoreLikeThis over headline, standfirst, body and tags), favouring shared tags, the same
 * section and recent stories. Never the story itself, never an unpublished one, no near-duplicates.
 *
 * <p>Automatic picks are computed when a page asks for them and remembered until the event log
 * says a story changed ({@link #evict}), so they are not recomputed on every request.
 */
public final class RelatedStories {
    public static final int COUNT = 5;
    private static final int CANDIDATES = 40;
    private static final double NEAR_DUPLICATE = 0.6;

    private final SearchIndex index;
    private final ArticleRepository articles;
    private final Clock clock;
    private final Cache<String, List<String>> automatic = Caffeine.newBuilder().maximumSize(20_000).build();
    private final Cache<String, List<Article>> lists = Caffeine.newBuilder().maximumSize(5_000).build();

    public RelatedStories(SearchIndex index, ArticleRepository articles, Clock clock) {
        this.index = index;
        this.articles = articles;
        this.clock = clock;
    }

    /** Up to five published stories to read after this one, picks first. */
    public List<Article> forArticle(Article article) {
        return lists.get(article.id() + "@" + article.version(), key -> resolve(article));
    }

    /** The list for a story as it is being edited (not kept: the preview's version is never saved). */
    public List<Article> forPreview(Article article) {
        return resolve(article);
    }

    private List<Article> resolve(Article article) {
        List<String> ids = new ArrayList<>(article.relatedIds());
        for (String id : automaticIds(article)) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        Map<String, Article> published = new LinkedHashMap<>();
        articles.publishedByIds(ids.subList(0, Math.min(ids.size(), COUNT * 2))).forEach(a -> published.put(a.id(), a));
        List<Article> result = new ArrayList<>();
        List<Set<String>> seenHeadlines = new ArrayList<>(List.of(words(article.headline())));
        for (String id : ids) {
            Article candidate = published.get(id);
            if (candidate == null || candidate.id().equals(article.id())) {
                continue;
            }
            Set<String> headline = words(candidate.headline());
            boolean desksPick = article.relatedIds().contains(id);
            if (!desksPick && seenHeadlines.stream().anyMatch(seen -> jaccard(seen, headline) > NEAR_DUPLICATE)) {
                continue;
            }
            seenHeadlines.add(headline);
            result.add(candidate);
            if (result.size() == COUNT) {
                break;
            }
        }
        return result;
    }

    /** Ids of the stories Lucene ranks closest to this one, best first (no desk picks). */
    public List<String> automaticIds(Article article) {
        return automatic.get(article.id(), id -> compute(article));
    }

    /** Forgets every remembered list when any story changed: a publish can change many lists. */
    public void evict(List<Event> events) {
        if (EventTypes.anyStory(events) || SurrogateKeys.touched(events, SurrogateKeys.ALL) || SurrogateKeys.touched(events, SurrogateKeys.NAV)) {
            automatic.invalidateAll();
            lists.invalidateAll();
        }
    }

    private List<String> compute(Article article) {
        IndexSearcher searcher = index.acquire();
        try {
            TopDocs self = searcher.search(new TermQuery(new Term(ArticleDocument.ID, article.id())), 1);
            if (self.scoreDocs.length == 0) {
                return List.of();
            }
            String lang = ArticleDocument.analysisLanguage(article.language());
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(ArticleDocument.analyzer());
            mlt.setFieldNames(new String[] {ArticleDocument.headlineField(lang), ArticleDocument.bodyField(lang), ArticleDocument.TAGS_TEXT});
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(2);
            mlt.setMaxQueryTerms(30);
            mlt.setBoost(true);
            Query like = mlt.like(self.scoreDocs[0].doc);
            BooleanQuery.Builder query = new BooleanQuery.Builder()
                    .add(like, BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(ArticleDocument.ID, article.id())), BooleanClause.Occur.MUST_NOT)
                    .add(new BoostQuery(new TermQuery(new Term(ArticleDocument.SECTION, article.section().id())), 0.5f), BooleanClause.Occur.SHOULD);
            for (Tag tag : article.tags()) {
                query.add(new BoostQuery(new TermQuery(new Term(ArticleDocument.TAG, tag.id())), 1.5f), BooleanClause.Occur.SHOULD);
            }
            TopDocs top = searcher.search(query.build(), CANDIDATES);
            var stored = searcher.storedFields();
            long now = clock.millis();
            record Scored(String id, double score) {}
            List<Scored> scored = new ArrayList<>();
            for (ScoreDoc doc : top.scoreDocs) {
                var fields = stored.document(doc.doc, Set.of(ArticleDocument.ID, ArticleDocument.PUBLISHED));
                double ageDays = Math.max(0, now - fields.getField(ArticleDocument.PUBLISHED).numericValue().longValue()) / (double) Duration.ofDays(1).toMillis();
                scored.add(new Scored(fields.get(ArticleDocument.ID), doc.score / (1 + ageDays / 60)));
            }
            scored.sort(Comparator.comparingDouble(Scored::score).reversed());
            return scored.stream().map(Scored::id).limit(COUNT * 3).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }

    static Set<String> words(String headline) {
        return new HashSet<>(Arrays.asList(headline.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
    }

    static double jaccard(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return union.isEmpty() ? 0 : both.size() / (double) union.size();
    }
}
