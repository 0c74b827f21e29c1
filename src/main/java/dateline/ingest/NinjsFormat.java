package dateline.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.ingest.WireItem.Picture;
import dateline.ingest.WireItem.PubStatus;
import dateline.ingest.WireItem.Subject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPTC ninjs 1.x, 2.x and 3.x. The version is told by the document: its {@code $schema} or
 * {@code standard.version} when given, else its property names (3.x writes {@code versionCreated},
 * 2.x {@code headlines} with {@code versioncreated}, 1.x {@code headline} and {@code body_*}). The
 * document is validated against IPTC's schema of that version when the schemas are at hand; what the
 * schema finds is recorded on the item as warnings, not refused, because real agencies send
 * near-misses (an unknown property, "cancelled", a date without a zone) and their copy is still good.
 * Refused: not JSON, not one object, nested deeper than any news item, or without a {@code uri} (the
 * item's identity).
 */
public final class NinjsFormat implements WireFormat {
    private static final Pattern SCHEMA_VERSION = Pattern.compile("ninjs-schema_(\\d+\\.\\d+)");
    private static final int MAX_DEPTH = 64;
    private static final java.util.Set<String> CAMEL_CASE = java.util.Set.of("versionCreated", "pubStatus", "firstCreated", "contentCreated",
            "embargoedUntil", "altIds", "infoSources", "contentType", "contactInfo", "trustIndicators", "representationType", "copyrightHolder",
            "copyrightNotice", "rightsInfo", "usageTerms", "sizeInBytes", "edNote", "plannedCoverage", "eventDetails", "digitalSourceType");
    private static final int MAX_SCHEMA_WARNINGS = 5;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

    private final Optional<NinjsSchemas> schemas;

    public NinjsFormat(Optional<NinjsSchemas> schemas) {
        this.schemas = schemas;
    }

    @Override
    public String name() {
        return "ninjs";
    }

    @Override
    public boolean recognizes(byte[] head) {
        String start = new String(head, 0, Math.min(head.length, 4096), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        return start.startsWith("{") && start.contains("\"uri\"");
    }

    @Override
    public List<WireItem> read(byte[] document) throws Refused {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("nesting depth")) {
                throw new Refused("ninjs: nested deeper than " + MAX_DEPTH + " levels: refused");
            }
            throw new Refused("ninjs: not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + message);
        } catch (IOException e) {
            throw new Refused("ninjs: could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new Refused("ninjs: the document is not one JSON object");
        }
        return List.of(item(root));
    }

    /** The ninjs major version and, if the document names it, its exact version ("3", or "2.1"). */
    static String version(JsonNode doc) {
        Matcher m = SCHEMA_VERSION.matcher(doc.path("$schema").asText(""));
        if (m.find()) {
            return m.group(1);
        }
        String standard = doc.path("standard").path("version").asText("");
        if (standard.matches("\\d+\\.\\d+.*")) {
            return standard.replaceFirst("^(\\d+\\.\\d+).*", "$1");
        }
        if (usesCamelCase(doc, 0)) {
            return "3";
        }
        for (String plural : List.of("headlines", "bodies", "descriptions", "subjects", "by", "standard", "genres", "infosources", "people",
                "organisations", "places", "events", "objects", "trustindicators")) {
            if (doc.has(plural)) {
                return "2";
            }
        }
        for (String listIn2 : List.of("associations", "altids", "renditions")) {
            if (doc.path(listIn2).isArray()) {
                return "2"; // objects keyed by name in 1.x, arrays from 2.0
            }
        }
        return "1";
    }

    /** ninjs 3 renamed the properties to camelCase, at every level ("contentType" inside "bodies", too). */
    private static boolean usesCamelCase(JsonNode node, int depth) {
        if (depth > 4) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (CAMEL_CASE.contains(e.getKey())) {
                return true;
            }
            JsonNode v = e.getValue();
            for (JsonNode child : v.isArray() ? v : List.of(v)) {
                if (child.isObject() && usesCamelCase(child, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private WireItem item(JsonNode doc) throws Refused {
        String uri = doc.path("uri").asText("").strip();
        if (!doc.path("uri").isTextual() || uri.isEmpty()) {
            throw new Refused("ninjs: the item has no \"uri\" (its identifier), so versions of it could not be told apart");
        }
        List<String> warnings = new ArrayList<>();
        String version = version(doc);
        schemas.ifPresent(s -> s.schemaFor(version).ifPresentOrElse(
                v -> s.problems(v, doc, MAX_SCHEMA_WARNINGS).forEach(p -> warnings.add("schema " + v + ": " + p)),
                () -> warnings.add("no schema of ninjs " + version + " at hand: not validated")));
        boolean one = version.startsWith("1");
        return new WireItem(uri, number(text(doc, "version"), warnings), text(doc, "type"),
                one ? text(doc, "headline") : valueByRole(doc.path("headlines"), "main"),
                text(doc, "slugline"),
                one ? text(doc, "byline") : text(doc, "by"),
                located(doc),
                text(doc, "language"),
                urgency(doc.path("urgency"), warnings),
                pubStatus(text(doc, "pubStatus", "pubstatus"), warnings),
                WireText.time(text(doc, "embargoedUntil", "embargoed"), "embargo", warnings),
                WireText.time(text(doc, "versionCreated", "versioncreated"), "versionCreated", warnings),
                WireText.time(text(doc, "firstCreated", "firstcreated"), "firstCreated", warnings),
                one ? firstPattern(doc, "description_") : valueByRole(doc.path("descriptions"), "summary"),
                body(doc, one),
                subjects(doc.has("subjects") ? doc.path("subjects") : doc.path("subject")),
                List.of(),
                pictures(doc),
                List.of(),
                warnings);
    }

    private static String text(JsonNode doc, String... names) {
        for (String name : names) {
            JsonNode n = doc.path(name);
            if (n.isValueNode() && !n.isNull()) {
                return n.asText();
            }
        }
        return "";
    }

    private static Integer number(String version, List<String> warnings) {
        if (version.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(version.strip());
        } catch (NumberFormatException e) {
            warnings.add("version \"" + WireText.shorten(version) + "\" is not a number: versions are counted by content");
            return null;
        }
    }

    private static Integer urgency(JsonNode n, List<String> warnings) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.canConvertToInt() && n.asInt() >= 1 && n.asInt() <= 9) {
            return n.asInt();
        }
        warnings.add("urgency \"" + WireText.shorten(n.asText()) + "\" is not 1 to 9: ignored");
        return null;
    }

    private static PubStatus pubStatus(String value, List<String> warnings) {
        String v = value.strip().toLowerCase(Locale.ROOT).replaceFirst("^stat:", "");
        return switch (v) {
            case "", "usable" -> PubStatus.USABLE;
            case "withheld" -> PubStatus.WITHHELD;
            case "canceled" -> PubStatus.CANCELED;
            case "cancelled" -> {
                warnings.add("pubStatus \"cancelled\" read as \"canceled\" (the standard's spelling)");
                yield PubStatus.CANCELED;
            }
            default -> {
                warnings.add("pubStatus \"" + WireText.shorten(value) + "\" is not usable, withheld or canceled: held back as withheld");
                yield PubStatus.WITHHELD;
            }
        };
    }

    private static String located(JsonNode doc) {
        JsonNode located = doc.path("located");
        if (located.isTextual()) {
            return located.asText();
        }
        return located.path("name").asText("");
    }

    /** The value of the entry with this role in a ninjs 2/3 array, else of the first entry. */
    private static String valueByRole(JsonNode array, String role) {
        if (!array.isArray() || array.isEmpty()) {
            return "";
        }
        for (JsonNode n : array) {
            if (role.equals(n.path("role").asText())) {
                return n.path("value").asText("");
            }
        }
        return array.get(0).path("value").asText("");
    }

    private static String firstPattern(JsonNode doc, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(prefix) && e.getValue().isTextual()) {
                return e.getValue().asText();
            }
        }
        return "";
    }

    /** The richest body the item has: HTML, else XHTML, else plain text as paragraphs. */
    private static String body(JsonNode doc, boolean one) {
        String html = "";
        String plain = "";
        if (one) {
            html = text(doc, "body_html", "body_xhtml");
            plain = text(doc, "body_text");
        } else {
            for (JsonNode b : doc.path("bodies")) {
                String type = b.path(b.has("contentType") ? "contentType" : "contenttype").asText("").toLowerCase(Locale.ROOT);
                String value = b.path("value").asText("");
                if ((type.contains("html") || type.contains("xml")) && html.isEmpty()) {
                    html = value;
                } else if (plain.isEmpty() && !type.contains("html")) {
                    plain = value;
                }
            }
        }
        return WireText.sanitize(!html.isBlank() ? html : WireText.paragraphs(plain));
    }

    private static List<Subject> subjects(JsonNode array) {
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode s : array) {
            String code = s.path("uri").asText(s.path("literal").asText(s.path("code").asText("")));
            if (s.has("scheme") && !code.contains(":")) {
                code = s.path("scheme").asText() + ":" + code;
            }
            String name = s.path("name").asText("");
            if (!code.isBlank() || !name.isBlank()) {
                subjects.add(new Subject(code.strip(), name.strip()));
            }
        }
        return subjects;
    }

    /** Pictures of the item (a picture item's own renditions) and of the pictures associated with it. */
    private static List<Picture> pictures(JsonNode doc) {
        List<Picture> pictures = new ArrayList<>();
        if ("picture".equals(doc.path("type").asText())) {
            picture(doc, pictures);
        }
        JsonNode associations = doc.path("associations");
        Iterable<JsonNode> each = associations.isArray() ? associations : associations::elements;
        for (JsonNode a : each) {
            if ("picture".equals(a.path("type").asText()) || a.has("renditions")) {
                picture(a, pictures);
            }
        }
        return pictures;
    }

    private static void picture(JsonNode item, List<Picture> into) {
        JsonNode renditions = item.path("renditions");
        Iterable<JsonNode> each = renditions.isArray() ? renditions : renditions::elements;
        JsonNode best = null;
        for (JsonNode r : each) {
            if (r.path("href").isTextual() && (best == null || r.path("width").asInt(0) > best.path("width").asInt(0))) {
                best = r;
            }
        }
        if (best != null) {
            String caption = text(item, "description_text", "headline");
            if (caption.isEmpty()) {
                caption = valueByRole(item.path("descriptions"), "caption");
            }
            if (caption.isEmpty()) {
                caption = valueByRole(item.path("headlines"), "main");
            }
            into.add(new Picture(best.path("href").asText(), caption,
                    best.has("width") ? best.path("width").asInt() : null, best.has("height") ? best.path("height").asInt() : null));
        }
    }
}
