package dateline.site;

import dateline.content.Urls;
import dateline.search.SearchQuery;
import dateline.search.SearchResults;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The search page: the form as the reader filled it in, and one page of results. */
public record SearchPage(Chrome chrome, SearchQuery query, String sectionSlug, SearchResults results) {

    public String text() {
        return query.text() == null ? "" : query.text();
    }

    public String from() {
        return query.from() == null ? "" : query.from().toString();
    }

    public String to() {
        return query.to() == null ? "" : query.to().toString();
    }

    /** The address of another page of these results. */
    public String pageHref(int page) {
        StringBuilder href = new StringBuilder("/search?q=").append(URLEncoder.encode(text(), StandardCharsets.UTF_8));
        if (sectionSlug != null) {
            href.append("&section=").append(sectionSlug);
        }
        if (query.from() != null) {
            href.append("&from=").append(query.from());
        }
        if (query.to() != null) {
            href.append("&to=").append(query.to());
        }
        if (query.newest()) {
            href.append("&sort=newest");
        }
        return page > 1 ? href.append("&page=").append(page).toString() : href.toString();
    }

    public String url(SearchResults.Hit hit) {
        return Urls.article(hit.publishedAt(), hit.slug(), chrome.zone());
    }
}
