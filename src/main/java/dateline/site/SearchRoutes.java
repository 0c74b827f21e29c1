package dateline.site;

import dateline.platform.BadRequest;
import dateline.search.SearchQuery;
import dateline.search.SearchResults;
import dateline.search.Searcher;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The search page, {@code /search?q=…&section=…&from=…&to=…&sort=newest&page=N}. Not cached: the
 * space of queries is unbounded and the index answers in milliseconds.
 */
public final class SearchRoutes {
    static final String BAD_DATE = "'%s' is not a date: use the form 2026-03-31.";
    static final String BAD_SORT = "Sort by relevance or newest, not '%s'.";

    private final SiteFrame frame;
    private final Searcher searcher;

    public SearchRoutes(SiteFrame frame, Searcher searcher) {
        this.frame = frame;
        this.searcher = searcher;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/search", this::search);
    }

    private void search(Context ctx) {
        String sort = ctx.queryParam("sort");
        if (sort != null && !sort.isEmpty() && !sort.equals("relevance") && !sort.equals("newest")) {
            throw new BadRequest(BAD_SORT.formatted(sort));
        }
        String sectionSlug = blankToNull(ctx.queryParam("section"));
        Chrome chrome = frame.chrome("/search");
        String sectionId = sectionSlug == null ? null : chrome.sections().stream().filter(s -> s.slug().equals(sectionSlug))
                .map(s -> s.id()).findFirst().orElseThrow(() -> new BadRequest("There is no section '" + sectionSlug + "'."));
        SearchQuery query = new SearchQuery(ctx.queryParam("q"), sectionId, date(ctx.queryParam("from")), date(ctx.queryParam("to")),
                "newest".equals(sort), SiteRoutes.pageNumber(ctx));
        SearchResults results = searcher.search(query, frame.config().zone());
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Surrogate-Key", "search nav");
        ctx.contentType(SiteFrame.HTML);
        ctx.result(frame.render("site/search.jte", new SearchPage(chrome, query, sectionSlug, results)));
    }

    private static LocalDate date(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest(BAD_DATE.formatted(raw));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
