package dateline.site;

import dateline.content.Article;
import dateline.content.Tag;
import java.util.List;

/** Every published story on one topic, newest first. */
public record TagPage(Chrome chrome, Tag tag, List<Article> articles, Pagination pagination) {}
