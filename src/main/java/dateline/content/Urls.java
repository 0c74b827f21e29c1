package dateline.content;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
        return "/" + DAY.format(firstPublished.atZone(zone)) + "/" + segment(slug);
    }

    public static String section(Section section) {
        return "/" + segment(section.slug());
    }

    public static String section(String slug) {
        return "/" + segment(slug);
    }

    public static String tag(Tag tag) {
        return "/tag/" + segment(tag.slug());
    }

    public static String tag(String slug) {
        return "/tag/" + segment(slug);
    }

    public static String author(Author author) {
        return "/author/" + segment(author.slug());
    }

    public static String author(String slug) {
        return "/author/" + segment(slug);
    }

    /**
     * A slug as one path segment of an address: ASCII slugs as they are, others percent-encoded (UTF-8),
     * so feeds, sitemaps and headers carry valid URIs; requests in either form find the page.
     */
    public static String segment(String slug) {
        for (int i = 0; i < slug.length(); i++) {
            if (slug.charAt(i) > 127) {
                return URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return slug;
    }
}
