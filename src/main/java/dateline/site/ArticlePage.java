package dateline.site;

import dateline.content.Article;

/** One story, as readers see it. */
public record ArticlePage(Chrome chrome, Article article) {

    /** Shown only once the story changed after it was first published. */
    public boolean showUpdated() {
        return article.updatedAt() != null && article.updatedAt().isAfter(article.firstPublishedAt());
    }

    public boolean isAgencyCopy() {
        return !article.source().equalsIgnoreCase("staff");
    }
}
