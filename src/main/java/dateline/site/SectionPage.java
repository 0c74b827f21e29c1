package dateline.site;

import dateline.content.Article;
import dateline.content.Section;
import java.util.List;

/** A section front: its stories, newest first, a page at a time. */
public record SectionPage(Chrome chrome, Section section, List<Article> articles, Pagination pagination) {}
