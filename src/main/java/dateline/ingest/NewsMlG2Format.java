package dateline.ingest;

import dateline.ingest.WireItem.Picture;
import dateline.ingest.WireItem.PubStatus;
import dateline.ingest.WireItem.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.jsoup.nodes.Entities;

/**
 * IPTC NewsML-G2: a {@code newsItem}, a {@code packageItem} (read as the list of items it refers to),
 * or a {@code newsMessage} carrying several. Bodies come inline as NITF ({@code body.content}) or XHTML
 * ({@code html/body}); metadata from {@code itemMeta} and {@code contentMeta}. Real files are often
 * schema-invalid in small ways (an offset without a colon, an empty date): those are read and warned
 * about. Refused: not well-formed, a DOCTYPE, a root that is not one of the three (the fragments of the
 * guidelines), or an item without a {@code guid}.
 */
public final class NewsMlG2Format implements WireFormat {
    @Override
    public String name() {
        return "newsml-g2";
    }

    @Override
    public boolean recognizes(byte[] head) {
        String start = new String(head, 0, Math.min(head.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
        return start.contains("<newsItem") || start.contains("<newsMessage") || start.contains("<packageItem")
                || start.contains(":newsItem") || start.contains(":newsMessage");
    }

    @Override
    public List<WireItem> read(byte[] document) throws Refused {
        Document doc = SafeXml.parse(document, "NewsML-G2");
        Element root = doc.getDocumentElement();
        List<WireItem> items = new ArrayList<>();
        switch (root.getLocalName()) {
            case "newsItem", "packageItem" -> items.add(item(root));
            case "newsMessage" -> {
                for (Element set : children(root, "itemSet")) {
                    for (Element e : children(set, null)) {
                        if (e.getLocalName().equals("newsItem") || e.getLocalName().equals("packageItem")) {
                            items.add(item(e));
                        }
                    }
                }
                if (items.isEmpty()) {
                    throw new Refused("NewsML-G2: the news message carries no item");
                }
            }
            default -> throw new Refused("NewsML-G2: the document is a <" + root.getLocalName()
                    + ">, not a newsItem, packageItem or newsMessage (a fragment cannot be queued)");
        }
        return items;
    }

    private static WireItem item(Element item) throws Refused {
        String guid = item.getAttribute("guid").strip();
        List<String> warnings = new ArrayList<>();
        if (guid.isEmpty() && item.getLocalName().equals("packageItem") && !descendants(item, "itemRef").isEmpty()) {
            // a package without its own identifier is still the list of the items it names
            guid = "package:" + String.join(",", descendants(item, "itemRef").stream().map(r -> r.getAttribute("residref").strip()).toList());
            warnings.add("the packageItem has no guid: it is known by the items it lists");
        } else if (guid.isEmpty()) {
            throw new Refused("NewsML-G2: a " + item.getLocalName() + " has no guid (its identifier)");
        }
        Element itemMeta = child(item, "itemMeta");
        Element contentMeta = child(item, "contentMeta");
        Integer version = null;
        String v = item.getAttribute("version").strip();
        if (!v.isEmpty()) {
            try {
                version = Integer.valueOf(v);
            } catch (NumberFormatException e) {
                warnings.add("version \"" + WireText.shorten(v) + "\" is not a number: versions are counted by content");
            }
        }
        String type = qcodeOf(child(itemMeta, "itemClass")).replaceFirst("^ninat:", "");
        if (item.getLocalName().equals("packageItem")) {
            type = "composite";
        }
        String language = attr(child(contentMeta, "language"), "tag");
        if (language.isEmpty()) {
            language = item.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
        }
        Element nitf = null;
        Element xhtml = null;
        for (Element inline : descendants(child(item, "contentSet"), "inlineXML")) {
            for (Element content : children(inline, null)) {
                if (content.getLocalName().equals("nitf")) {
                    nitf = content;
                } else if (content.getLocalName().equals("html")) {
                    xhtml = content;
                }
            }
        }
        String headline = text(child(contentMeta, "headline"));
        String byline = joined(children(contentMeta, "by"));
        String description = text(child(contentMeta, "description"));
        String body = "";
        if (nitf != null) {
            Element head = first(descendants(nitf, "body.head"));
            if (headline.isEmpty()) {
                headline = text(first(descendants(head, "hl1")));
            }
            if (byline.isEmpty()) {
                byline = text(first(descendants(head, "byline")));
            }
            if (description.isEmpty()) {
                description = text(first(descendants(head, "abstract")));
            }
            body = html(first(descendants(nitf, "body.content")));
        } else if (xhtml != null) {
            body = html(first(descendants(xhtml, "body")));
            if (headline.isEmpty()) {
                headline = text(first(descendants(xhtml, "title")));
            }
        }
        String inlineText = "";
        for (Element data : descendants(child(item, "contentSet"), "inlineData")) {
            inlineText = data.getTextContent();
        }
        if (body.isEmpty() && !inlineText.isBlank()) {
            body = WireText.paragraphs(inlineText);
        }
        List<Subject> subjects = new ArrayList<>();
        for (Element s : children(contentMeta, "subject")) {
            String code = qcodeOf(s);
            if (code.isEmpty()) {
                code = s.getAttribute("uri");
            }
            subjects.add(new Subject(code, text(child(s, "name"))));
        }
        List<String> keywords = children(contentMeta, "keyword").stream().map(NewsMlG2Format::text).filter(k -> !k.isEmpty()).toList();
        List<Picture> pictures = new ArrayList<>();
        if ("picture".equals(type)) {
            Element best = null;
            for (Element rc : descendants(child(item, "contentSet"), "remoteContent")) {
                if (!rc.getAttribute("href").isBlank() && (best == null || number(rc, "width") > number(best, "width"))) {
                    best = rc;
                }
            }
            if (best != null) {
                pictures.add(new Picture(best.getAttribute("href"), description.isEmpty() ? headline : description,
                        number(best, "width") > 0 ? number(best, "width") : null, number(best, "height") > 0 ? number(best, "height") : null));
            }
        }
        List<String> refs = new ArrayList<>();
        for (Element ref : item.getLocalName().equals("packageItem") ? descendants(item, "itemRef") : List.<Element>of()) {
            String id = ref.getAttribute("residref").strip();
            if (!id.isEmpty()) {
                refs.add(id);
            }
        }
        String dateline = text(child(contentMeta, "dateline"));
        String located = text(child(child(contentMeta, "located"), "name"));
        return new WireItem(guid, version, type, headline, text(child(contentMeta, "slugline")), byline,
                !located.isEmpty() ? located : place(dateline), language, urgency(text(child(contentMeta, "urgency")), warnings),
                pubStatus(qcodeOf(child(itemMeta, "pubStatus")), warnings),
                WireText.time(text(child(itemMeta, "embargoed")), "embargoed", warnings),
                WireText.time(text(child(itemMeta, "versionCreated")), "versionCreated", warnings),
                WireText.time(text(child(itemMeta, "firstCreated")), "firstCreated", warnings),
                description, WireText.sanitize(body), subjects, keywords, pictures, refs, warnings);
    }

    /** "MOSCOW, Monday (Reuters)" → "Moscow"; the place is what comes before the first comma or bracket. */
    static String place(String dateline) {
        String p = dateline.replaceFirst("[,(].*$", "").strip();
        if (p.isEmpty()) {
            return "";
        }
        return p.equals(p.toUpperCase(Locale.ROOT)) ? p.charAt(0) + p.substring(1).toLowerCase(Locale.ROOT) : p;
    }

    private static Integer urgency(String value, List<String> warnings) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            int u = Integer.parseInt(value);
            if (u >= 1 && u <= 9) {
                return u;
            }
        } catch (NumberFormatException e) {
            // warned below
        }
        warnings.add("urgency \"" + WireText.shorten(value) + "\" is not 1 to 9: ignored");
        return null;
    }

    private static PubStatus pubStatus(String qcode, List<String> warnings) {
        String v = qcode.replaceFirst("^stat:", "").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "usable" -> PubStatus.USABLE;
            case "withheld" -> PubStatus.WITHHELD;
            case "canceled", "cancelled" -> PubStatus.CANCELED;
            default -> {
                warnings.add("pubStatus \"" + WireText.shorten(qcode) + "\" is not known: held back as withheld");
                yield PubStatus.WITHHELD;
            }
        };
    }

    /** The children of an element as HTML (NITF's p, hl2, block, table … are close enough for the sanitizer). */
    private static String html(Element container) {
        StringBuilder out = new StringBuilder();
        if (container != null) {
            for (Node n = container.getFirstChild(); n != null; n = n.getNextSibling()) {
                write(n, out);
            }
        }
        // XML indentation is not text: runs of white space are one space, and none at the edges of blocks
        return BLOCK_EDGES.matcher(WHITESPACE.matcher(out).replaceAll(" ")).replaceAll("$1").strip();
    }

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern BLOCK_EDGES =
            java.util.regex.Pattern.compile("\\s*(</?(?:p|h2|div|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|figure|figcaption)\\b[^>]*>)\\s*");

    private static void write(Node node, StringBuilder out) {
        if (node instanceof Element e) {
            // NITF names: hl2 is a subheading, block a group of paragraphs
            String tag = switch (e.getLocalName()) {
                case "hl2" -> "h2";
                case "block" -> "div";
                default -> e.getLocalName();
            };
            out.append('<').append(tag);
            var attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                if (a.getPrefix() == null && !a.getNodeName().startsWith("xmlns")) {
                    out.append(' ').append(a.getLocalName() == null ? a.getNodeName() : a.getLocalName()).append("=\"")
                            .append(Entities.escape(a.getNodeValue())).append('"');
                }
            }
            out.append('>');
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                write(n, out);
            }
            out.append("</").append(tag).append('>');
        } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            out.append(Entities.escape(node.getNodeValue()));
        }
    }

    private static String qcodeOf(Element e) {
        return e == null ? "" : e.getAttribute("qcode").strip();
    }

    private static String attr(Element e, String name) {
        return e == null ? "" : e.getAttribute(name).strip();
    }

    private static int number(Element e, String name) {
        try {
            return Integer.parseInt(e.getAttribute(name).strip());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static String text(Element e) {
        return e == null ? "" : WHITESPACE.matcher(e.getTextContent().strip()).replaceAll(" ");
    }

    private static String joined(List<Element> elements) {
        return String.join(", ", elements.stream().map(NewsMlG2Format::text).filter(s -> !s.isEmpty()).toList());
    }

    private static Element first(List<Element> elements) {
        return elements.isEmpty() ? null : elements.get(0);
    }

    private static Element child(Element parent, String name) {
        return first(children(parent, name));
    }

    /** Direct children with this local name (any, when null). */
    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> descendants(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            var list = parent.getElementsByTagNameNS("*", name);
            for (int i = 0; i < list.getLength(); i++) {
                out.add((Element) list.item(i));
            }
        }
        return out;
    }
}
