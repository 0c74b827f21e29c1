package dateline.site;

import dateline.content.Article;

/** The distraction-free reader view of a story, at its own address, canonical to the story. */
public record ReadModePage(Chrome chrome, Article article) {

    public boolean showUpdated() {
        return article.updatedAt() != null && article.updatedAt().isAfter(article.firstPublishedAt());
    }

    public String chromeLanguage() {
        return article.language().startsWith("en") ? null : "en";
    }
}
