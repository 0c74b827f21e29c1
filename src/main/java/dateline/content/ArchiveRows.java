package dateline.content;

import dateline.platform.Ids;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Checks each row of a site archive before it is inserted, as strictly as the desk checks what an
 * editor types: an archive is input from outside like any other. Story bodies go through the same
 * sanitizer as the editor's; an image's bytes must be the JPEG, PNG or WebP its content type says
 * (so no archive can plant HTML served as an "image" from the site's own origin); states, slugs, ids
 * and times must be ones Dateline itself would write. A row that fails is refused with where and why.
 */
final class ArchiveRows {
    /** 2100-01-01 in epoch milliseconds: later times are not ones Dateline wrote. */
    private static final long LATEST = 4_102_444_800_000L;
    private static final Set<String> STATUSES = Set.of(Arrays.stream(Status.values()).map(Status::dbValue).toArray(String[]::new));
    private static final Set<String> ID_COLUMNS = Set.of("id", "article_id", "section_id", "author_id", "tag_id", "related_id", "lead_image_id");
    private static final Set<String> TIME_COLUMNS = Set.of("created_at", "modified_at", "first_published_at", "updated_at", "scheduled_at");

    private ArchiveRows() {}

    /** Checks the row's values (and sanitizes a story's body in place); throws {@link ValidationFailed} naming the first problem. */
    static void check(String table, String where, Map<String, Object> row) {
        for (Map.Entry<String, Object> value : row.entrySet()) {
            if (ID_COLUMNS.contains(value.getKey()) && value.getValue() != null && !Ids.looksLikeId(String.valueOf(value.getValue()))) {
                throw invalid(where + "." + value.getKey(), "'" + value.getValue() + "' is not an id.");
            }
            if (TIME_COLUMNS.contains(value.getKey()) && value.getValue() != null
                    && !(value.getValue() instanceof Long millis && millis >= 0 && millis < LATEST)) {
                throw invalid(where + "." + value.getKey(), "Expected a time in epoch milliseconds, got '" + value.getValue() + "'.");
            }
        }
        switch (table) {
            case "articles" -> article(where, row);
            case "sections", "tags", "authors", "slug_redirects" -> slug(where, row);
            case "images" -> image(where, row);
            case "site_settings" -> setting(where, row);
            default -> { }
        }
    }

    private static void article(String where, Map<String, Object> row) {
        if (!(row.get("headline") instanceof String headline) || headline.isBlank() || headline.length() > 300) {
            throw invalid(where + ".headline", "A story needs a headline of at most 300 characters.");
        }
        if (!STATUSES.contains(String.valueOf(row.get("status")))) {
            throw invalid(where + ".status", "'" + row.get("status") + "' is not a story state (" + String.join(", ", STATUSES.stream().sorted().toList()) + ").");
        }
        boolean wasPublic = row.get("status").equals(Status.PUBLISHED.dbValue()) || row.get("status").equals(Status.UNPUBLISHED.dbValue());
        if (wasPublic && row.get("first_published_at") == null) {
            throw invalid(where + ".first_published_at", "A " + row.get("status") + " story needs its first publication time.");
        }
        slug(where, row);
        Object body = row.get("body_html");
        if (body instanceof String html) {
            if (html.length() > ArticleDraftValidator.MAX_BODY) {
                throw invalid(where + ".body_html", ArticleDraftValidator.BODY_TOO_LONG);
            }
            row.put("body_html", BodySanitizer.sanitize(html));
        }
    }

    private static void slug(String where, Map<String, Object> row) {
        if (row.containsKey("slug") && !Slugs.isValid(String.valueOf(row.get("slug")))) {
            throw invalid(where + ".slug", "'" + row.get("slug") + "' cannot be an address: use lower-case letters, digits and single hyphens.");
        }
    }

    private static void image(String where, Map<String, Object> row) {
        if (!(row.get("data") instanceof byte[] data) || data.length == 0 || data.length > ImageUpload.MAX_BYTES) {
            throw invalid(where + ".data", "An image needs its bytes (at most " + ImageUpload.MAX_BYTES / 1048576 + " MB).");
        }
        String actual = ImageUpload.sniff(data);
        if (actual == null || !actual.equals(row.get("content_type"))) {
            throw invalid(where + ".content_type", "The bytes are " + (actual == null ? "not a JPEG, PNG or WebP image" : "a " + actual + " image")
                    + ", not the '" + row.get("content_type") + "' the archive says.");
        }
        for (String side : new String[] {"width", "height"}) {
            if (!(row.get(side) instanceof Long size && size > 0 && size <= 100_000)) {
                throw invalid(where + "." + side, "An image's " + side + " must be a whole number of pixels.");
            }
        }
    }

    private static void setting(String where, Map<String, Object> row) {
        Object value = row.get("value");
        if (String.valueOf(row.get("name")).startsWith("follow.") && value instanceof String url && !url.isEmpty() && !url.matches("https://\\S+")) {
            throw invalid(where + ".value", "A follow link must be a full https:// address.");
        }
    }

    private static ValidationFailed invalid(String where, String message) {
        return new ValidationFailed(new ValidationErrors().add(where, message));
    }
}
