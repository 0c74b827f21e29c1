package dateline.site;

import dateline.content.Article;
import dateline.content.Section;
import java.util.List;

/** The front page: the lead story, the latest stories, the latest of each section, and what is trending. */
public record HomePage(Chrome chrome, Article lead, List<Article> latest, List<SectionBlock> sections, List<Article> topContent) {

    /** A section's strip on the front page. */
    public record SectionBlock(Section section, List<Article> articles) {}
}
