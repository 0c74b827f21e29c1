package dateline.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Correction;
import dateline.content.Section;
import dateline.content.Tag;
import dateline.content.Urls;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The content API's JSON for stories and taxonomy: an allowlist of fields, never the row as stored
 * (no versions, no drafts' times, nothing internal). Times are UTC, ISO 8601.
 */
final class ArticleJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RATIOS = {"16x9", "4x3", "1x1"};

    private final String siteUrl;
    private final Function<Article, String> articlePath;

    ArticleJson(String siteUrl, Function<Article, String> articlePath) {
        this.siteUrl = siteUrl;
        this.articlePath = articlePath;
    }

    ObjectNode article(Article a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("url", siteUrl + articlePath.apply(a));
        o.put("slug", a.slug());
        o.put("headline", a.headline());
        o.put("standfirst", a.standfirst());
        o.put("body_html", a.bodyHtml());
        o.put("dateline", a.datelinePlace());
        o.set("section", section(a.section()));
        ArrayNode authors = o.putArray("authors");
        a.authors().forEach(au -> authors.add(author(au)));
        ArrayNode tags = o.putArray("tags");
        a.tags().forEach(t -> tags.add(tag(t)));
        if (a.leadImage() == null) {
            o.putNull("lead_image");
        } else {
            ObjectNode image = o.putObject("lead_image");
            image.put("url", siteUrl + a.leadImage().path());
            image.put("width", a.leadImage().width());
            image.put("height", a.leadImage().height());
            image.put("alt_text", a.leadImage().altText());
            image.put("caption", a.leadImage().caption());
            image.put("credit", a.leadImage().credit());
            ObjectNode renditions = image.putObject("renditions");
            for (String ratio : RATIOS) {
                renditions.put(ratio, siteUrl + "/media/" + a.leadImage().id() + "/" + ratio + ".jpg");
            }
        }
        o.put("language", a.language());
        o.put("source", a.source());
        o.put("first_published_at", iso(a.firstPublishedAt()));
        if (a.updatedAt() == null) {
            o.putNull("updated_at");
        } else {
            o.put("updated_at", iso(a.updatedAt()));
        }
        ArrayNode corrections = o.putArray("corrections");
        for (Correction c : a.corrections()) {
            corrections.addObject().put("text", c.note()).put("published_at", iso(c.createdAt()));
        }
        return o;
    }

    ObjectNode section(Section s) {
        return JSON.createObjectNode().put("id", s.id()).put("slug", s.slug()).put("name", s.name()).put("url", siteUrl + Urls.section(s));
    }

    ObjectNode author(Author a) {
        return JSON.createObjectNode().put("id", a.id()).put("slug", a.slug()).put("name", a.name()).put("job_title", a.jobTitle())
                .put("url", siteUrl + Urls.author(a));
    }

    ObjectNode tag(Tag t) {
        return JSON.createObjectNode().put("id", t.id()).put("slug", t.slug()).put("name", t.name()).put("url", siteUrl + Urls.tag(t));
    }

    /** IPTC ninjs, the news agencies' JSON for a news item, in the version whose schema the document names. */
    static final String NINJS_VERSION = "3.1";

    /** The story as IPTC ninjs 3.1 (camelCase property names; valid against IPTC's schema of that version). */
    ObjectNode ninjs(Article a) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("standard").put("name", "ninjs").put("version", NINJS_VERSION)
                .put("schema", "http://www.iptc.org/std/ninjs/ninjs-schema_" + NINJS_VERSION + ".json");
        o.put("uri", siteUrl + articlePath.apply(a));
        o.put("type", "text");
        o.put("representationType", "full");
        o.put("profile", "dateline-article");
        o.put("version", Integer.toString(a.version()));
        o.put("firstCreated", iso(a.createdAt()));
        o.put("contentCreated", iso(a.firstPublishedAt()));
        o.put("versionCreated", iso(a.updatedAt() != null ? a.updatedAt() : a.firstPublishedAt()));
        o.put("pubStatus", "usable");
        o.put("language", a.language());
        o.putArray("headlines").addObject().put("role", "main").put("value", a.headline());
        if (!a.standfirst().isEmpty()) {
            o.putArray("descriptions").addObject().put("role", "summary").put("contentType", "text/plain").put("value", a.standfirst());
        }
        o.putArray("bodies").addObject().put("role", "main").put("contentType", "text/html").put("value", a.bodyHtml());
        ArrayNode by = o.putArray("people");
        a.authors().forEach(au -> by.addObject().put("name", au.name()).put("rel", "author").put("uri", siteUrl + Urls.author(au)));
        if (!a.authors().isEmpty()) {
            o.put("by", String.join(", ", a.authors().stream().map(Author::name).toList()));
        }
        ArrayNode subjects = o.putArray("subjects");
        a.tags().forEach(t -> subjects.addObject().put("name", t.name()).put("uri", siteUrl + Urls.tag(t)));
        o.putArray("genres").addObject().put("name", a.section().name()).put("uri", siteUrl + Urls.section(a.section()));
        if (!a.datelinePlace().isEmpty()) {
            o.put("located", a.datelinePlace());
        }
        if (a.isAgencyCopy()) {
            o.putArray("infoSources").addObject().put("name", a.source()).put("role", "originator");
        }
        if (a.leadImage() != null) {
            ObjectNode picture = o.putArray("associations").addObject();
            picture.put("name", "featureimage");
            picture.put("uri", siteUrl + a.leadImage().path());
            picture.put("type", "picture");
            picture.putArray("headlines").addObject().put("value", a.leadImage().caption());
            picture.putArray("descriptions").addObject().put("role", "alternative").put("value", a.leadImage().altText());
            picture.put("copyrightNotice", a.leadImage().credit());
            ArrayNode renditions = picture.putArray("renditions");
            renditions.addObject().put("name", "original").put("href", siteUrl + a.leadImage().path())
                    .put("contentType", a.leadImage().contentType()).put("width", a.leadImage().width()).put("height", a.leadImage().height());
        }
        return o;
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
