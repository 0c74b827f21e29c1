package dateline.desk;

import dateline.platform.Times;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.content.Tag;
import dateline.content.TaxonomyRepository;
import dateline.platform.ValidationFailed;
import dateline.search.SearchQuery;
import dateline.search.Searcher;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the story editor asks for while a story is written, answered in JSON: tag suggestions and
 * published stories for Read-more picks (images are {@link ImageLibrary}'s).
 */
public final class DeskLookups {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TaxonomyRepository taxonomy;
    private final Searcher searcher;
    private final ZoneId zone;

    public DeskLookups(TaxonomyRepository taxonomy, Searcher searcher, ZoneId zone) {
        this.taxonomy = taxonomy;
        this.searcher = searcher;
        this.zone = zone;
    }

    /** Tag names containing what was typed, those starting with it first. */
    /** The editor's look-ups, for anyone at the desk. */
    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/tags", Role.CONTRIBUTOR, this::tags),
                DeskRoute.get("/desk/stories/search", Role.CONTRIBUTOR, this::stories));
    }

    void tags(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip().toLowerCase(Locale.ROOT);
        List<String> names = q.isEmpty() ? List.of() : taxonomy.tags().stream().map(Tag::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).contains(q))
                .sorted(Comparator.comparing((String n) -> !n.toLowerCase(Locale.ROOT).startsWith(q)).thenComparing(String.CASE_INSENSITIVE_ORDER))
                .limit(10).toList();
        json(ctx, 200, names);
    }

    /** Published stories matching what was typed, for Read-more picks. */
    void stories(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        if (q.length() < 2) {
            json(ctx, 200, List.of());
            return;
        }
        var hits = searcher.search(new SearchQuery(q, null, null, null, false, 1), zone).hits();
        json(ctx, 200, hits.stream().map(h -> Map.of("id", h.id(), "headline", h.headline(),
                "published", Times.iso(h.publishedAt(), zone))).toList());
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String firstError(ValidationFailed e) {
        return e.errors().asMap().values().stream().flatMap(List::stream).findFirst().orElse(e.getMessage());
    }
}
