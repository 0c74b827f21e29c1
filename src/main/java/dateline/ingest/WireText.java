package dateline.ingest;

import dateline.content.BodySanitizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;

/** Helpers the format readers share: plain text to paragraphs, HTML through the editor's policy, agency times. */
final class WireText {
    private static final Pattern BLANK_LINES = Pattern.compile("\\r?\\n\\s*\\r?\\n");

    private WireText() {
    }

    /** Plain text as HTML paragraphs: blank lines part paragraphs, single line breaks are spaces. */
    static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String para : BLANK_LINES.split(text.strip())) {
            String line = para.strip().replaceAll("\\s+", " ");
            if (!line.isEmpty()) {
                html.append("<p>").append(Entities.escape(line)).append("</p>");
            }
        }
        return html.toString();
    }

    /** Agency HTML through the same policy as the desk's editor. */
    static String sanitize(String html) {
        return BodySanitizer.sanitize(html);
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** The text of some HTML, for the queue's search and for a standfirst. */
    static String plain(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) { // nothing to parse: spaces folded as the parser would
            return SPACES.matcher(html.strip()).replaceAll(" ");
        }
        return Jsoup.parse(html).text();
    }

    /** The body without its first paragraph (which became the standfirst). */
    static String withoutFirstParagraph(String html) {
        var body = Jsoup.parseBodyFragment(html).body();
        var p = body.selectFirst("p");
        if (p != null) {
            p.remove();
        }
        return body.html();
    }

    /** The first paragraph's text of a body, for a story's standfirst. */
    static String firstParagraph(String html) {
        var p = Jsoup.parseBodyFragment(html).selectFirst("p");
        return p == null ? "" : p.text();
    }

    /**
     * A time as agencies write it: ISO 8601 with an offset (with or without the colon), a UTC "Z", or a
     * date alone (midnight UTC). Anything else is null and a warning naming the field.
     */
    static Instant time(String value, String field, List<String> warnings) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // try the near-misses below
        }
        try {
            // "+0100" (no colon) is common in agency feeds
            if (v.matches(".*[+-]\\d{4}$")) {
                return OffsetDateTime.parse(v.substring(0, v.length() - 2) + ":" + v.substring(v.length() - 2)).toInstant();
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
                warnings.add(field + " \"" + v + "\" has no time zone: read as UTC");
                return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException e) {
            // falls through to the warning
        }
        warnings.add(field + " \"" + shorten(v) + "\" is not a date and time: ignored");
        return null;
    }

    /** Text cut to {@code max} characters at most, an ellipsis marking the cut. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
    }

    /** The SHA-256 of a text, in hex: what tells one version of copy from another. */
    static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }
}
