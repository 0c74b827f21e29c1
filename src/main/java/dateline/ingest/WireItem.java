package dateline.ingest;

import java.time.Instant;
import java.util.List;

/**
 * One news item as an agency sent it, read from any format: what the queue stores and shows, and
 * what a story made from it starts from. Text fields are never null (blank when absent); the body is
 * HTML already sanitized by the editor's policy.
 *
 * @param guid the agency's identifier of the item: with the source, the item's identity
 * @param version the agency's version number, or null when the format carries none (the queue then
 *     counts versions itself, by content)
 * @param datelinePlace the place the story was filed from ("Berlin"), when the copy names it
 * @param urgency 1 (most urgent) to 9, or null
 * @param refs the items a package lists, in order (empty for other items)
 * @param warnings what was wrong but could be read anyway (a near-miss of the standard)
 */
public record WireItem(String guid, Integer version, String type, String headline, String slugline, String byline,
                       String datelinePlace, String language, Integer urgency, PubStatus pubStatus, Instant embargoUntil,
                       Instant versionCreated, Instant firstCreated, String description, String bodyHtml, List<Subject> subjects,
                       List<String> keywords, List<Picture> pictures, List<String> refs, List<String> warnings) {

    /** Whether the agency lets the copy be used: usable, or held back, or killed. */
    public enum PubStatus {
        USABLE, WITHHELD, CANCELED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static PubStatus parse(String value) {
            return value == null ? USABLE : PubStatus.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A subject code (an IPTC media topic or another scheme's) with its name when the copy gives one. */
    public record Subject(String code, String name) {
        public String label() {
            return name.isBlank() ? code : name;
        }
    }

    /** A picture the item refers to: the address of one rendition and what it shows. */
    public record Picture(String href, String caption, Integer width, Integer height) {}

    public WireItem {
        headline = text(headline);
        slugline = text(slugline);
        byline = text(byline);
        datelinePlace = text(datelinePlace);
        language = language == null || language.isBlank() ? "en" : language.strip();
        type = type == null || type.isBlank() ? "text" : type.strip();
        pubStatus = pubStatus == null ? PubStatus.USABLE : pubStatus;
        description = text(description);
        bodyHtml = bodyHtml == null ? "" : bodyHtml;
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        pictures = pictures == null ? List.of() : List.copyOf(pictures);
        refs = refs == null ? List.of() : List.copyOf(refs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public WireItem withWarnings(List<String> value) {
        return new WireItem(guid, version, type, headline, slugline, byline, datelinePlace, language, urgency, pubStatus, embargoUntil,
                versionCreated, firstCreated, description, bodyHtml, subjects, keywords, pictures, refs, value);
    }

    /** The headline to show: the item's, else its slugline, else its identifier. */
    public String title() {
        return !headline.isEmpty() ? headline : !slugline.isEmpty() ? slugline : guid;
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s{2,}|[\\t\\n\\r\\f\\x0B]");

    private static String text(String s) {
        return s == null ? "" : SPACES.matcher(s.strip()).replaceAll(" ");
    }
}
