package dateline.content;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The public addresses of things. An article lives at /yyyy/mm/dd/slug, dated by its first
 * publication in the site's zone, which never changes once published.
 */
public final class Urls {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private Urls() {}

    public static String article(Article article, ZoneId zone) {
        return article(article.firstPublishedAt(), article.slug(), zone);
    }

    public static String article(Instant firstPublished, String slug, ZoneId zone) {
        return "/" + DAY.format(firstPublished.atZone(zone)) + "/" + slug;
    }

    public static String section(Section section) {
        return "/" + section.slug();
    }

    public static String tag(Tag tag) {
        return "/tag/" + tag.slug();
    }

    public static String author(Author author) {
        return "/author/" + author.slug();
    }
}
