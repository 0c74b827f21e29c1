package dateline.search;

import java.util.Locale;
import dateline.content.Article;
import dateline.content.Tag;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.jsoup.Jsoup;

/**
 * How a story becomes a Lucene document: the field names, in one place, and the analyzers.
 *
 * <p>Text goes into language-specific fields ({@code headline_en}, {@code body_ar} …) so each
 * language gets its own stemming; every story's words also go, unstemmed, into {@link #WORDS},
 * which the searcher uses for typo-tolerant (fuzzy) matching.
 */
public final class ArticleDocument {
    public static final String ID = "id";
    public static final String SLUG = "slug";
    public static final String HEADLINE = "headline";
    public static final String STANDFIRST = "standfirst";
    public static final String SECTION = "section";
    public static final String TAG = "tag";
    public static final String TAGS_TEXT = "tags_text";
    public static final String LANGUAGE = "language";
    public static final String PUBLISHED = "published";
    public static final String PUBLISHED_SORT = "published_sort";
    public static final String WORDS = "words";
    public static final String HEADLINE_WORDS = "headline_words";

    /** Languages with their own analysis; every other language uses {@link #OTHER}. */
    public static final String ENGLISH = "en";
    public static final String ARABIC = "ar";
    public static final String OTHER = "std";
    public static final String[] LANGUAGES = {ENGLISH, ARABIC, OTHER};

    /** Stored text with offsets in the postings, so the highlighter reads them instead of re-analysing. */
    private static final FieldType HIGHLIGHTED = highlighted();

    private static FieldType highlighted() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private ArticleDocument() {}

    public static String headlineField(String lang) {
        return "headline_" + lang;
    }

    public static String bodyField(String lang) {
        return "body_" + lang;
    }

    /** The analysis language of a story's language tag (en-GB → en, ar → ar, fr → std). */
    public static String analysisLanguage(String languageTag) {
        String primary = languageTag.split("-")[0].toLowerCase(Locale.ROOT);
        return primary.equals(ENGLISH) || primary.equals(ARABIC) ? primary : OTHER;
    }

    /** The index analyzer: per-language fields get their language's analyzer, the rest the standard one. */
    public static Analyzer analyzer() {
        Analyzer english = new EnglishAnalyzer();
        Analyzer arabic = new ArabicAnalyzer();
        Map<String, Analyzer> perField = Map.of(
                headlineField(ENGLISH), english, bodyField(ENGLISH), english,
                headlineField(ARABIC), arabic, bodyField(ARABIC), arabic);
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), perField);
    }

    /** The plain text of a story's body, for indexing and snippets. */
    public static String bodyText(Article article) {
        return Jsoup.parse(article.bodyHtml()).text();
    }

    public static Document of(Article article) {
        String lang = analysisLanguage(article.language());
        String body = article.standfirst() + "\n" + bodyText(article);
        String tags = article.tags().stream().map(Tag::name).collect(Collectors.joining(", "));
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        doc.add(new StoredField(SLUG, article.slug()));
        doc.add(new StoredField(HEADLINE, article.headline()));
        doc.add(new StoredField(STANDFIRST, article.standfirst()));
        doc.add(new StringField(SECTION, article.section().id(), Field.Store.YES));
        doc.add(new StringField(LANGUAGE, article.language(), Field.Store.YES));
        article.tags().forEach(t -> doc.add(new StringField(TAG, t.id(), Field.Store.NO)));
        doc.add(new TextField(TAGS_TEXT, tags, Field.Store.YES));
        doc.add(new TextField(headlineField(lang), article.headline(), Field.Store.YES));
        doc.add(new Field(bodyField(lang), body, HIGHLIGHTED));
        // Stored so that a passage can be highlighted where only a typo-tolerant match was found.
        doc.add(new Field(WORDS, body + "\n" + tags, HIGHLIGHTED));
        doc.add(new TextField(HEADLINE_WORDS, article.headline(), Field.Store.NO));
        long published = article.firstPublishedAt().toEpochMilli();
        doc.add(new LongPoint(PUBLISHED, published));
        doc.add(new StoredField(PUBLISHED, published));
        doc.add(new NumericDocValuesField(PUBLISHED_SORT, published));
        return doc;
    }
}
