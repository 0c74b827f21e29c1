package dateline.site;

import dateline.platform.StaticAssets;
import dateline.content.Urls;
import dateline.content.ImageUpload;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Correction;
import dateline.content.Tag;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The schema.org {@code NewsArticle} of a story as JSON-LD, built with Jackson and made safe to
 * print raw inside {@code <script type="application/ld+json">}: {@code <}, {@code >} and {@code &} are written
 * as JSON escapes ({@code \u003c} …), so no text can close the element or open a comment in it.
 */
final class NewsArticleJsonLd {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NewsArticleJsonLd() {}

    static String of(Article a, Chrome c) {
        String canonical = c.siteUrl() + c.url(a);
        ObjectNode ld = JSON.createObjectNode();
        ld.put("@context", "https://schema.org");
        ld.put("@type", "NewsArticle");
        ld.putObject("mainEntityOfPage").put("@type", "WebPage").put("@id", canonical);
        ld.put("url", canonical);
        ld.put("headline", a.headline().length() <= 110 ? a.headline() : a.headline().substring(0, 109) + "…");
        if (!a.standfirst().isEmpty()) {
            ld.put("description", a.standfirst());
        }
        if (a.leadImage() != null) {
            ArrayNode images = ld.putArray("image");
            for (String ratio : ImageUpload.CROPS) {
                images.add(c.siteUrl() + a.leadImage().renditionPath(ratio));
            }
        }
        ld.put("datePublished", iso(a.firstPublishedAt()));
        ld.put("dateModified", iso(a.updatedAt() != null ? a.updatedAt() : a.firstPublishedAt()));
        ArrayNode authors = ld.putArray("author");
        for (Author author : a.authors()) {
            authors.addObject().put("@type", "Person").put("name", author.name()).put("url", c.siteUrl() + Urls.author(author));
        }
        if (a.authors().isEmpty()) {
            authors.addObject().put("@type", "Organization").put("name", a.source());
        }
        if (a.isAgencyCopy()) {
            ld.putObject("sourceOrganization").put("@type", "NewsMediaOrganization").put("name", a.source());
        }
        ObjectNode publisher = ld.putObject("publisher");
        publisher.put("@type", "NewsMediaOrganization").put("name", c.siteName()).put("url", c.siteUrl() + "/");
        publisher.putObject("logo").put("@type", "ImageObject").put("url", c.siteUrl() + c.assets().logoPath())
                .put("width", StaticAssets.LOGO_WIDTH).put("height", StaticAssets.LOGO_HEIGHT);
        ld.put("articleSection", a.section().name());
        ld.put("inLanguage", a.language());
        if (!a.tags().isEmpty()) {
            ld.put("keywords", String.join(", ", a.tags().stream().map(Tag::name).toList()));
        }
        ld.put("isAccessibleForFree", true);
        if (!a.corrections().isEmpty()) {
            ArrayNode corrections = ld.putArray("correction");
            for (Correction correction : a.corrections()) {
                corrections.addObject().put("@type", "CorrectionComment").put("text", correction.note())
                        .put("datePublished", iso(correction.createdAt()));
            }
        }
        try {
            return escapeForScript(JSON.writeValueAsString(ld));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC).withNano(0));
    }

    /** JSON text that is still the same JSON but holds no {@code <}, {@code >} or {@code &} (nor U+2028/9). */
    static String escapeForScript(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
