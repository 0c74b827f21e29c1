package dateline.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Tag;
import dateline.content.Urls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link Feed} as RSS 2.0 (with {@code content:encoded}, Media RSS images and an enclosure),
 * Atom 1.0 and JSON Feed 1.1. XML goes through StAX, so escaping is the parser's, not ours.
 */
public final class FeedWriter {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String MEDIA = "http://search.yahoo.com/mrss/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String siteName;
    private final String siteUrl;
    private final String hubUrl;
    private final Function<Article, String> articlePath;

    /**
     * @param hubUrl the WebSub hub advertised in each feed, or empty for none
     * @param articlePath a story's public path
     */
    public FeedWriter(String siteName, String siteUrl, String hubUrl, Function<Article, String> articlePath) {
        this.siteName = siteName;
        this.siteUrl = siteUrl;
        this.hubUrl = hubUrl;
        this.articlePath = articlePath;
    }

    private String url(Article a) {
        return siteUrl + articlePath.apply(a);
    }

    private String imageUrl(Article a) {
        return siteUrl + a.leadImage().path();
    }

    public byte[] rss(Feed feed) {
        return xml(w -> {
            w.writeStartElement("rss");
            w.writeAttribute("version", "2.0");
            w.writeNamespace("atom", ATOM);
            w.writeNamespace("content", CONTENT);
            w.writeNamespace("media", MEDIA);
            w.writeNamespace("dc", DC);
            w.writeStartElement("channel");
            element(w, "title", feed.title());
            element(w, "link", siteUrl + feed.path());
            element(w, "description", feed.description());
            element(w, "language", "en");
            element(w, "lastBuildDate", rfc822(feed.updated()));
            element(w, "generator", "Dateline");
            atomLink(w, "self", siteUrl + feed.feedPath("feed.xml"), "application/rss+xml");
            if (!hubUrl.isEmpty()) {
                atomLink(w, "hub", hubUrl, null);
            }
            for (Article a : feed.items()) {
                w.writeStartElement("item");
                element(w, "title", a.headline());
                element(w, "link", url(a));
                w.writeStartElement("guid");
                w.writeAttribute("isPermaLink", "false");
                w.writeCharacters("dateline:article:" + a.id());
                w.writeEndElement();
                element(w, "pubDate", rfc822(a.firstPublishedAt()));
                element(w, "description", a.standfirst());
                for (Author author : a.authors()) {
                    w.writeStartElement(DC, "creator");
                    w.writeCharacters(author.name());
                    w.writeEndElement();
                }
                if (a.isAgencyCopy()) {
                    w.writeStartElement(DC, "creator");
                    w.writeCharacters(a.source());
                    w.writeEndElement();
                }
                element(w, "category", a.section().name());
                for (Tag tag : a.tags()) {
                    element(w, "category", tag.name());
                }
                w.writeStartElement(CONTENT, "encoded");
                w.writeCData(a.bodyHtml().replace("]]>", "]]]]><![CDATA[>"));
                w.writeEndElement();
                if (a.leadImage() != null) {
                    w.writeEmptyElement("enclosure");
                    w.writeAttribute("url", imageUrl(a));
                    w.writeAttribute("type", a.leadImage().contentType());
                    w.writeAttribute("length", "0");
                    w.writeStartElement(MEDIA, "content");
                    w.writeAttribute("url", imageUrl(a));
                    w.writeAttribute("medium", "image");
                    w.writeAttribute("type", a.leadImage().contentType());
                    w.writeAttribute("width", Integer.toString(a.leadImage().width()));
                    w.writeAttribute("height", Integer.toString(a.leadImage().height()));
                    if (!a.leadImage().caption().isEmpty()) {
                        w.writeStartElement(MEDIA, "description");
                        w.writeCharacters(a.leadImage().caption());
                        w.writeEndElement();
                    }
                    if (!a.leadImage().credit().isEmpty()) {
                        w.writeStartElement(MEDIA, "credit");
                        w.writeCharacters(a.leadImage().credit());
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    public byte[] atom(Feed feed) {
        return xml(w -> {
            w.setDefaultNamespace(ATOM);
            w.writeStartElement(ATOM, "feed");
            w.writeDefaultNamespace(ATOM);
            w.writeNamespace("atom", ATOM);
            element(w, "id", siteUrl + feed.feedPath("atom.xml"));
            element(w, "title", feed.title());
            element(w, "subtitle", feed.description());
            element(w, "updated", iso(feed.updated()));
            element(w, "generator", "Dateline");
            atomLink(w, "alternate", siteUrl + feed.path(), "text/html");
            atomLink(w, "self", siteUrl + feed.feedPath("atom.xml"), "application/atom+xml");
            if (!hubUrl.isEmpty()) {
                atomLink(w, "hub", hubUrl, null);
            }
            w.writeStartElement(ATOM, "author");
            element(w, "name", siteName);
            w.writeEndElement();
            for (Article a : feed.items()) {
                w.writeStartElement(ATOM, "entry");
                element(w, "id", "tag:" + hostOf(siteUrl) + ",2026:article:" + a.id());
                element(w, "title", a.headline());
                atomLink(w, "alternate", url(a), "text/html");
                element(w, "published", iso(a.firstPublishedAt()));
                element(w, "updated", iso(a.updatedAt() != null ? a.updatedAt() : a.firstPublishedAt()));
                for (Author author : a.authors()) {
                    w.writeStartElement(ATOM, "author");
                    element(w, "name", author.name());
                    w.writeEndElement();
                }
                if (a.isAgencyCopy()) {
                    w.writeStartElement(ATOM, "author");
                    element(w, "name", a.source());
                    w.writeEndElement();
                }
                w.writeEmptyElement(ATOM, "category");
                w.writeAttribute("term", a.section().name());
                for (Tag tag : a.tags()) {
                    w.writeEmptyElement(ATOM, "category");
                    w.writeAttribute("term", tag.name());
                }
                if (!a.standfirst().isEmpty()) {
                    element(w, "summary", a.standfirst());
                }
                w.writeStartElement(ATOM, "content");
                w.writeAttribute("type", "html");
                w.writeCharacters(a.bodyHtml());
                w.writeEndElement();
                if (a.leadImage() != null) {
                    w.writeEmptyElement(ATOM, "link");
                    w.writeAttribute("rel", "enclosure");
                    w.writeAttribute("href", imageUrl(a));
                    w.writeAttribute("type", a.leadImage().contentType());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    public byte[] json(Feed feed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "https://jsonfeed.org/version/1.1");
        root.put("title", feed.title());
        root.put("home_page_url", siteUrl + feed.path());
        root.put("feed_url", siteUrl + feed.feedPath("feed.json"));
        root.put("description", feed.description());
        root.put("language", "en");
        if (!hubUrl.isEmpty()) {
            root.putArray("hubs").addObject().put("type", "WebSub").put("url", hubUrl);
        }
        ArrayNode items = root.putArray("items");
        for (Article a : feed.items()) {
            ObjectNode item = items.addObject();
            item.put("id", "dateline:article:" + a.id());
            item.put("url", url(a));
            item.put("title", a.headline());
            item.put("content_html", a.bodyHtml());
            if (!a.standfirst().isEmpty()) {
                item.put("summary", a.standfirst());
            }
            if (a.leadImage() != null) {
                item.put("image", imageUrl(a));
            }
            item.put("date_published", iso(a.firstPublishedAt()));
            if (a.updatedAt() != null) {
                item.put("date_modified", iso(a.updatedAt()));
            }
            if (!a.authors().isEmpty() || a.isAgencyCopy()) {
                ArrayNode authors = item.putArray("authors");
                a.authors().forEach(au -> authors.addObject().put("name", au.name()).put("url", siteUrl + Urls.author(au)));
                if (a.isAgencyCopy()) {
                    authors.addObject().put("name", a.source());
                }
            }
            ArrayNode tags = item.putArray("tags");
            tags.add(a.section().name());
            a.tags().forEach(t -> tags.add(t.name()));
            item.put("language", a.language());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    interface XmlBody {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    static byte[] xml(XmlBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            XMLStreamWriter w = new XmlSafeWriter(XML.createXMLStreamWriter(out, "UTF-8"));
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text == null ? "" : text);
        w.writeEndElement();
    }

    private static void atomLink(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeEmptyElement("atom", "link", ATOM);
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
        if (type != null) {
            w.writeAttribute("type", type);
        }
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC).withNano(0));
    }

    static String rfc822(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneId.of("GMT")));
    }

    static String hostOf(String url) {
        return java.net.URI.create(url).getHost();
    }
}
