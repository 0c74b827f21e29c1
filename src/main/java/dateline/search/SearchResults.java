package dateline.search;

import java.time.Instant;
import java.util.List;

/** One page of search results, with the total found. */
public record SearchResults(List<Hit> hits, long total, int page, int totalPages) {

    /**
     * One result, read from the index alone.
     *
     * @param snippetHtml an escaped passage of the story with the matched words in {@code <mark>}
     */
    public record Hit(String id, String slug, String headline, String sectionId, Instant publishedAt, String language, String snippetHtml) {}

    public static SearchResults empty() {
        return new SearchResults(List.of(), 0, 1, 0);
    }
}
