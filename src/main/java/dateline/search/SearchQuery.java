package dateline.search;

import java.time.LocalDate;

/**
 * What a reader asked for on the search page.
 *
 * @param sectionId null for every section
 * @param from first day included, or null; {@code to} last day included, or null (site's zone)
 * @param newest sort by publication time instead of relevance
 */
public record SearchQuery(String text, String sectionId, LocalDate from, LocalDate to, boolean newest, int page) {
    public static final int PAGE_SIZE = 10;

    public boolean isBlank() {
        return text == null || text.isBlank();
    }
}
