package dateline.ingest;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dateline.ingest.WireItem.Picture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdom2.Element;
import org.xml.sax.InputSource;

/**
 * RSS 2.0 and Atom 1.0 feeds of partners and press offices, read by Rome: each entry is an item
 * (identity: its guid or id, else its link), with {@code content:encoded} or Atom content as the body,
 * the summary as description, categories as keywords, and pictures from enclosures and Media RSS.
 * Feeds carry no version numbers: a changed entry is the next version, counted by the queue.
 */
public final class FeedFormat implements WireFormat {
    private static final String MEDIA = "http://search.yahoo.com/mrss/";

    @Override
    public String name() {
        return "rss";
    }

    @Override
    public boolean recognizes(byte[] head) {
        String start = new String(head, 0, Math.min(head.length, 4096), StandardCharsets.UTF_8);
        return start.contains("<rss") || start.contains("<feed") && start.contains("http://www.w3.org/2005/Atom") || start.contains("<rdf:RDF");
    }

    @Override
    public List<WireItem> read(byte[] document) throws Refused {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput(false, Locale.ROOT);
            input.setAllowDoctypes(false);
            input.setXmlHealerOn(false);
            feed = input.build(new InputSource(new ByteArrayInputStream(document)));
        } catch (FeedException | IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Refused("feed: " + (message.contains("DOCTYPE") || message.contains("doctype")
                    ? "declares a DOCTYPE: refused, as entities could read files or expand without end" : "could not be read: " + message));
        }
        if (feed.getEntries().isEmpty()) {
            throw new Refused("feed: no items in the " + feed.getFeedType() + " feed");
        }
        List<WireItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            items.add(item(entry, feed.getLanguage()));
        }
        return items;
    }

    private static WireItem item(SyndEntry e, String feedLanguage) throws Refused {
        String guid = e.getUri() != null && !e.getUri().isBlank() ? e.getUri() : e.getLink();
        if (guid == null || guid.isBlank()) {
            throw new Refused("feed: an item has neither a guid/id nor a link, so later versions of it could not be recognized");
        }
        List<String> warnings = new ArrayList<>();
        String body = "";
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                body = c.getType() != null && c.getType().contains("text") && !c.getType().contains("html") ? WireText.paragraphs(c.getValue()) : c.getValue();
                break;
            }
        }
        String description = e.getDescription() == null || e.getDescription().getValue() == null ? "" : e.getDescription().getValue();
        if (body.isBlank()) {
            body = description;
        }
        List<Picture> pictures = new ArrayList<>();
        for (SyndEnclosure en : e.getEnclosures()) {
            if (en.getType() != null && en.getType().startsWith("image/") && en.getUrl() != null) {
                pictures.add(new Picture(en.getUrl(), "", null, null));
            }
        }
        for (Element m : e.getForeignMarkup()) {
            if (MEDIA.equals(m.getNamespaceURI())) {
                media(m, pictures);
            }
        }
        List<String> keywords = e.getCategories().stream().map(SyndCategory::getName).filter(n -> n != null && !n.isBlank()).toList();
        java.time.Instant published = e.getPublishedDate() == null ? null : e.getPublishedDate().toInstant();
        java.time.Instant updated = e.getUpdatedDate() == null ? published : e.getUpdatedDate().toInstant();
        return new WireItem(guid.strip(), null, "text", plainTitle(e), "", e.getAuthor(), "", feedLanguage, null, null, null, updated, published,
                WireText.plain(description), WireText.sanitize(body), List.of(), keywords, pictures, List.of(), warnings);
    }

    private static String plainTitle(SyndEntry e) {
        return e.getTitle() == null ? "" : WireText.plain(e.getTitle());
    }

    /** media:content and media:thumbnail, also inside a media:group. */
    private static void media(Element m, List<Picture> into) {
        switch (m.getName()) {
            case "group" -> m.getChildren().forEach(c -> media(c, into));
            case "content", "thumbnail" -> {
                String url = m.getAttributeValue("url");
                String medium = m.getAttributeValue("medium", "");
                String type = m.getAttributeValue("type", "");
                if (url != null && (m.getName().equals("thumbnail") || medium.equals("image") || type.startsWith("image/") || medium.isEmpty() && type.isEmpty())) {
                    Element description = m.getChild("description", m.getNamespace());
                    into.add(new Picture(url, description == null ? "" : description.getTextTrim(), integer(m.getAttributeValue("width")),
                            integer(m.getAttributeValue("height"))));
                }
            }
            default -> { }
        }
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
