package dateline.site;

import dateline.content.Article;
import dateline.content.Author;
import java.util.List;

/** A writer's page: who they are and what they wrote, newest first. */
public record AuthorPage(Chrome chrome, Author author, List<Article> articles, Pagination pagination) {}
