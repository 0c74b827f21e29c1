package dateline.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Answers the search page: builds a Lucene query from the reader's words, filters and sorts,
 * and highlights a passage of each result.
 *
 * <p>Each word matches its stemmed form in every language's fields (headline weighted above
 * body), or, failing that, a word within one or two typos of it.
 */
public final class Searcher {
    private static final int MAX_PAGES = 50;
    private static final int MAX_WORDS = 12;
    /** The most words of one query that may be taken for typos: each fuzzy word walks the term dictionary. */
    static final int MAX_FUZZY_WORDS = 3;
    /** The most terms one fuzzy word may expand to. */
    static final int MAX_EXPANSIONS = 20;
    /** Longer words are no words a reader typed: they are skipped (Lucene refuses very long terms). */
    static final int MAX_WORD_LENGTH = 64;
    /** The most characters of a query that are read. */
    static final int MAX_QUERY_LENGTH = 400;

    private final SearchIndex index;
    private final Analyzer analyzer = ArticleDocument.analyzer();
    private final Analyzer words = new StandardAnalyzer();

    public Searcher(SearchIndex index) {
        this.index = index;
    }

    public SearchResults search(SearchQuery q, ZoneId zone) {
        if (q.isBlank()) {
            return SearchResults.empty();
        }
        int page = Math.min(Math.max(q.page(), 1), MAX_PAGES);
        int wanted = page * SearchQuery.PAGE_SIZE;
        IndexSearcher searcher = index.acquire();
        try {
            Query built = build(q, zone, searcher);
            if (built == null) {
                return SearchResults.empty();
            }
            // Rewritten once, here: typo-tolerant (fuzzy) parts become the words they matched, for the
            // search and for highlighting alike.
            Query query = searcher.rewrite(built);
            TopDocs top = q.newest()
                    ? searcher.search(query, wanted, new Sort(new SortField(ArticleDocument.PUBLISHED_SORT, SortField.Type.LONG, true)))
                    : searcher.search(query, wanted);
            long total = top.totalHits.value();
            int from = (page - 1) * SearchQuery.PAGE_SIZE;
            if (from >= top.scoreDocs.length) {
                return new SearchResults(List.of(), total, page, totalPages(total));
            }
            ScoreDoc[] pageDocs = java.util.Arrays.copyOfRange(top.scoreDocs, from, Math.min(top.scoreDocs.length, from + SearchQuery.PAGE_SIZE));
            int[] docIds = java.util.Arrays.stream(pageDocs).mapToInt(d -> d.doc).toArray();
            Map<String, String[]> snippets = highlight(searcher, query, docIds);
            List<SearchResults.Hit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (int i = 0; i < docIds.length; i++) {
                Document doc = stored.document(docIds[i]);
                String snippet = null;
                for (String field : fieldsInOrder()) {
                    String[] values = snippets.get(field);
                    if (values != null && values[i] != null) {
                        snippet = values[i];
                        break;
                    }
                }
                if (snippet == null) {
                    snippet = org.jsoup.nodes.Entities.escape(doc.get(ArticleDocument.STANDFIRST));
                }
                hits.add(new SearchResults.Hit(doc.get(ArticleDocument.ID), doc.get(ArticleDocument.SLUG), doc.get(ArticleDocument.HEADLINE),
                        doc.get(ArticleDocument.SECTION), Instant.ofEpochMilli(doc.getField(ArticleDocument.PUBLISHED).numericValue().longValue()),
                        doc.get(ArticleDocument.LANGUAGE), snippet));
            }
            return new SearchResults(hits, total, page, totalPages(total));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }

    private static List<String> fieldsInOrder() {
        List<String> fields = new ArrayList<>();
        for (String lang : ArticleDocument.LANGUAGES) {
            fields.add(ArticleDocument.bodyField(lang));
        }
        fields.add(ArticleDocument.WORDS);
        return fields;
    }

    private static int totalPages(long total) {
        return (int) Math.min(MAX_PAGES, (total + SearchQuery.PAGE_SIZE - 1) / SearchQuery.PAGE_SIZE);
    }

    private Map<String, String[]> highlight(IndexSearcher searcher, Query query, int[] docIds) throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxLength(20_000)
                .build();
        // The language fields first; the unstemmed words last, for matches found only despite a typo.
        String[] fields = new String[ArticleDocument.LANGUAGES.length + 1];
        int[] maxPassages = new int[fields.length];
        for (int i = 0; i < ArticleDocument.LANGUAGES.length; i++) {
            fields[i] = ArticleDocument.bodyField(ArticleDocument.LANGUAGES[i]);
        }
        fields[fields.length - 1] = ArticleDocument.WORDS;
        java.util.Arrays.fill(maxPassages, 1);
        Map<String, String[]> result = highlighter.highlightFields(fields, query, docIds, maxPassages);
        // A field a story does not have comes back as its first passage of nothing: drop those.
        result.replaceAll((field, values) -> {
            String[] copy = values.clone();
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] != null && !copy[i].contains("<mark>")) {
                    copy[i] = null;
                }
            }
            return copy;
        });
        return result;
    }

    /** The whole query, or null when the text has no searchable word. */
    Query build(SearchQuery q, ZoneId zone, IndexSearcher searcher) throws IOException {
        String typed = q.text().length() > MAX_QUERY_LENGTH ? q.text().substring(0, MAX_QUERY_LENGTH) : q.text();
        List<String> terms = tokens(words, ArticleDocument.WORDS, typed).stream().filter(t -> t.length() <= MAX_WORD_LENGTH).toList();
        if (terms.isEmpty()) {
            return null;
        }
        terms = terms.subList(0, Math.min(terms.size(), MAX_WORDS));
        int fuzzyWords = 0;
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (String word : terms) {
            List<Query> alternatives = new ArrayList<>();
            for (String lang : ArticleDocument.LANGUAGES) {
                for (String stem : tokens(analyzer, ArticleDocument.headlineField(lang), word)) {
                    alternatives.add(new BoostQuery(new TermQuery(new Term(ArticleDocument.headlineField(lang), stem)), 3f));
                    alternatives.add(new TermQuery(new Term(ArticleDocument.bodyField(lang), stem)));
                }
            }
            // Only a word the index does not know is taken for a typo: fuzzy matching is the costly part.
            if (word.length() >= 4 && fuzzyWords < MAX_FUZZY_WORDS && searcher.getIndexReader().docFreq(new Term(ArticleDocument.WORDS, word)) == 0) {
                fuzzyWords++;
                int edits = word.length() >= 7 ? 2 : 1;
                alternatives.add(new BoostQuery(new FuzzyQuery(new Term(ArticleDocument.HEADLINE_WORDS, word), edits, 1, MAX_EXPANSIONS, true), 1.5f));
                alternatives.add(new BoostQuery(new FuzzyQuery(new Term(ArticleDocument.WORDS, word), edits, 1, MAX_EXPANSIONS, true), 0.5f));
            }
            if (!alternatives.isEmpty()) {
                text.add(new DisjunctionMaxQuery(alternatives, 0.1f), BooleanClause.Occur.SHOULD);
            }
        }
        // Every word must match somehow when there are few; with many words, one may be missing.
        text.setMinimumNumberShouldMatch(terms.size() <= 2 ? terms.size() : terms.size() - 1);
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text.build(), BooleanClause.Occur.MUST);
        if (q.sectionId() != null && !q.sectionId().isBlank()) {
            query.add(new TermQuery(new Term(ArticleDocument.SECTION, q.sectionId())), BooleanClause.Occur.FILTER);
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().atStartOfDay(zone).toInstant().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
            query.add(LongPoint.newRangeQuery(ArticleDocument.PUBLISHED, from, to), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    static List<String> tokens(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
