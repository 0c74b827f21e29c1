package dateline.site;

import dateline.content.Article;
import java.util.List;

/** One story, as readers see it, with Read more and Top Content. */
public record ArticlePage(Chrome chrome, Article article, List<Article> readMore, List<Article> topContent) {

    /** Shown only once the story changed after it was first published. */
    public boolean showUpdated() {
        return article.updatedAt() != null && article.updatedAt().isAfter(article.firstPublishedAt());
    }

    public boolean isAgencyCopy() {
        return article.isAgencyCopy();
    }

    /** The language the page frame is written in, where it differs from the story's. */
    public String chromeLanguage() {
        return article.language().startsWith("en") ? null : "en";
    }

    /** The story as schema.org NewsArticle JSON-LD, safe to print raw in its script element. */
    public String jsonLd() {
        return NewsArticleJsonLd.of(article, chrome);
    }

    public String imageUrl(String ratio) {
        return chrome.siteUrl() + article.leadImage().renditionPath(ratio);
    }

    public String readModeUrl() {
        return chrome.currentPath() + "/read";
    }
}
