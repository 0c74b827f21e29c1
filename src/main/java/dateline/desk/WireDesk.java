package dateline.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.api.ApiKeys;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.Section;
import dateline.content.TaxonomyRepository;
import dateline.ingest.WireFormats;
import dateline.ingest.WireItem;
import dateline.ingest.WireQueue;
import dateline.ingest.WireQueue.Filter;
import dateline.ingest.WireQueue.QueueItem;
import dateline.ingest.WireSources;
import dateline.ingest.WireSources.Source;
import dateline.ingest.WireStories;
import dateline.platform.BadRequest;
import dateline.platform.Conflict;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import dateline.platform.Times;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire in the desk: the queue of agency copy (every desk role), an item's page with its versions
 * and the stories made from it, and the sources (admins). Using an item makes a draft story; editors
 * can publish one at once.
 */
public final class WireDesk {
    static final int PAGE_SIZE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The queue page: the items, the filter as typed, the choices for it, and the next page's cursor. */
    public record QueuePage(DeskChrome chrome, ZoneId zone, List<QueueItem> items, String next, Map<String, String> typed, List<Source> sources,
                            List<String> agencies, Instant shownAt, Instant now) {
        public String display(Instant at) {
            return at == null ? "" : Times.display(at, zone);
        }

        public String iso(Instant at) {
            return Times.iso(at, zone);
        }

        public String typed(String field) {
            return typed.getOrDefault(field, "");
        }

        /** The address of the next page: the same filter, older items. */
        public String nextLink() {
            StringBuilder link = new StringBuilder("/desk/wire?after=").append(next);
            typed.forEach((k, v) -> {
                if (!v.isBlank()) {
                    link.append('&').append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
                }
            });
            return link.toString();
        }
    }

    /** An item's page. */
    public record ItemPage(DeskChrome chrome, ZoneId zone, QueueItem item, List<VersionDiff> versions, List<MadeStory> made, boolean canPublish,
                           String message, Instant now) {
        public String display(Instant at) {
            return at == null ? "" : Times.display(at, zone);
        }

        public boolean underEmbargo() {
            return item.underEmbargo(now);
        }
    }

    /** One version of an item and what changed from the one before (none for the first). */
    public record VersionDiff(int version, Instant receivedAt, String headline, List<RevisionDiff.FieldDiff> changes) {}

    /** A story made from the item, as the item's page links it. */
    public record MadeStory(String articleId, String headline, String status, int itemVersion, boolean automatic) {}

    /** The sources page (admins); {@code newKey} is a new push source's key, shown once. */
    public record SourcesPage(DeskChrome chrome, ZoneId zone, List<Source> sources, List<Section> sections, List<String> formats,
                              Map<String, List<String>> errors, Map<String, String> typed, String newKey, String newKeySource) {
        public String display(Instant at) {
            return at == null ? "" : Times.display(at, zone);
        }

        public String error(String field) {
            return ValidationErrors.messagesFor(errors, field);
        }

        public String typed(String field) {
            return typed.getOrDefault(field, "");
        }
    }

    /** One source's page: its settings, state, last error and refused documents. */
    public record SourcePage(DeskChrome chrome, ZoneId zone, Source source, String sectionName, List<WireSources.Refusal> refusals) {
        public String display(Instant at) {
            return at == null ? "" : Times.display(at, zone);
        }
    }

    private final WireQueue queue;
    private final WireSources sources;
    private final WireStories stories;
    private final WireFormats formats;
    private final ApiKeys keys;
    private final ArticleRepository articles;
    private final TaxonomyRepository taxonomy;
    private final Templates templates;
    private final ZoneId zone;
    private final Clock clock;

    public WireDesk(WireQueue queue, WireSources sources, WireStories stories, WireFormats formats, ApiKeys keys, ArticleRepository articles,
                    TaxonomyRepository taxonomy, Templates templates, ZoneId zone, Clock clock) {
        this.queue = queue;
        this.sources = sources;
        this.stories = stories;
        this.formats = formats;
        this.keys = keys;
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.templates = templates;
        this.zone = zone;
        this.clock = clock;
    }

    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/wire", Role.CONTRIBUTOR, this::list),
                DeskRoute.get("/desk/wire/new-count", Role.CONTRIBUTOR, this::newCount),
                DeskRoute.get("/desk/wire/{id}", Role.CONTRIBUTOR, ctx -> item(ctx, null, 200)),
                DeskRoute.post("/desk/wire/{id}/use", Role.CONTRIBUTOR, ctx -> use(ctx, false)),
                DeskRoute.post("/desk/wire/{id}/publish", Role.EDITOR, ctx -> use(ctx, true)),
                DeskRoute.get("/desk/sources", Role.ADMIN, ctx -> sourcesPage(ctx, Map.of(), Map.of(), null, null, 200)),
                DeskRoute.post("/desk/sources", Role.ADMIN, this::addSource),
                DeskRoute.get("/desk/sources/{name}", Role.ADMIN, this::source),
                DeskRoute.post("/desk/sources/{name}/enable", Role.ADMIN, ctx -> enable(ctx, true)),
                DeskRoute.post("/desk/sources/{name}/disable", Role.ADMIN, ctx -> enable(ctx, false)));
    }

    private static final List<String> FILTER_FIELDS = List.of("source", "agency", "urgency", "subject", "language", "hours", "q");

    void list(Context ctx) {
        Map<String, String> typed = new java.util.LinkedHashMap<>();
        for (String f : FILTER_FIELDS) {
            String v = Optional.ofNullable(ctx.queryParam(f)).orElse("").strip();
            typed.put(f, v.length() > 200 ? v.substring(0, 200) : v);
        }
        Integer urgency = typed.get("urgency").matches("[1-9]") ? Integer.valueOf(typed.get("urgency")) : null;
        Instant since = typed.get("hours").matches("\\d{1,4}") ? clock.instant().minus(Duration.ofHours(Long.parseLong(typed.get("hours")))) : null;
        String sourceId = sources.byName(typed.get("source")).map(Source::id).orElse(null);
        if (!typed.get("source").isEmpty() && sourceId == null) {
            throw new BadRequest("There is no source called '" + typed.get("source") + "'.");
        }
        Filter filter = new Filter(sourceId, typed.get("agency"), urgency, typed.get("subject"), typed.get("language"), since, typed.get("q"));
        WireQueue.Page page = queue.list(filter, ctx.queryParam("after"), PAGE_SIZE);
        html(ctx, 200, "desk/wire.jte", new QueuePage(DeskRoutes.chrome(ctx), zone, page.items(), page.next(), typed, sources.list(),
                queue.agencies(), clock.instant(), clock.instant()));
    }

    /** How many items arrived since the queue was shown: the page asks every few seconds. */
    void newCount(Context ctx) {
        String since = Optional.ofNullable(ctx.queryParam("since")).orElse("");
        if (!since.matches("\\d{1,15}")) {
            throw new BadRequest("Give the time the queue was shown as since=<milliseconds>.");
        }
        ctx.header("Cache-Control", "no-store").json(Map.of("count", queue.countSince(Instant.ofEpochMilli(Long.parseLong(since)))));
    }

    void item(Context ctx, String message, int status) {
        QueueItem item = queue.find(ctx.pathParam("id")).orElseThrow(() -> new NotFound("There is no wire item with this id."));
        List<WireQueue.Version> versions = queue.versions(item.id());
        List<VersionDiff> diffs = new ArrayList<>();
        String previous = null;
        for (WireQueue.Version v : versions) {
            String snapshot = snapshot(v.item());
            diffs.add(new VersionDiff(v.version(), v.receivedAt(), v.item().title(), previous == null ? List.of() : RevisionDiff.between(previous, snapshot)));
            previous = snapshot;
        }
        List<MadeStory> made = new ArrayList<>();
        for (WireStories.Made m : stories.made(item.id())) {
            articles.findById(m.articleId()).ifPresent(a -> made.add(new MadeStory(a.id(), a.headline(), a.status().dbValue(), m.itemVersion(), m.automatic())));
        }
        DeskChrome chrome = DeskRoutes.chrome(ctx);
        html(ctx, status, "desk/wire-item.jte", new ItemPage(chrome, zone, item, diffs.reversed(), made, chrome.user().role().includes(Role.EDITOR),
                message, clock.instant()));
    }

    /** The fields of a version that an editor compares, as the revision diff reads them. */
    private static String snapshot(WireItem i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("headline", i.title()).put("slugline", i.slugline()).put("byline", i.byline()).put("dateline", i.datelinePlace())
                .put("description", i.description()).put("body", i.bodyHtml()).put("status", i.pubStatus().value())
                .put("embargo", i.embargoUntil() == null ? "" : i.embargoUntil().toString());
        return o.toString();
    }

    void use(Context ctx, boolean publish) {
        String actor = DeskRoutes.chrome(ctx).user().email();
        Article story;
        try {
            story = stories.use(ctx.pathParam("id"), publish, actor);
        } catch (ValidationFailed e) {
            item(ctx, ValidationErrors.allMessages(e.errors().asMap()), 422);
            return;
        } catch (Conflict e) {
            item(ctx, e.getMessage(), 409);
            return;
        }
        ctx.redirect("/desk/stories/" + story.id() + (publish ? "?published=1" : ""), HttpStatus.SEE_OTHER);
    }

    void sourcesPage(Context ctx, Map<String, List<String>> errors, Map<String, String> typed, String newKey, String newKeySource, int status) {
        html(ctx, status, "desk/sources.jte", new SourcesPage(DeskRoutes.chrome(ctx), zone, sources.list(), taxonomy.sections(), formats.names(),
                errors, typed, newKey, newKeySource));
    }

    void addSource(Context ctx) {
        Map<String, String> typed = new java.util.LinkedHashMap<>();
        for (String f : List.of("name", "kind", "url", "path", "every", "header", "format", "agency", "section", "auto")) {
            typed.put(f, DeskRoutes.formParam(ctx, f));
        }
        Integer every = null;
        if (!typed.get("every").isBlank()) {
            try {
                every = Integer.valueOf(typed.get("every").strip());
            } catch (NumberFormatException e) {
                sourcesPage(ctx, Map.of("everySeconds", List.of("Poll every so many seconds: a whole number.")), typed, null, null, 422);
                return;
            }
        }
        try {
            Source source = sources.add(new WireSources.NewSource(typed.get("name"), typed.get("kind"), typed.get("url"), typed.get("path"), every,
                    typed.get("header"), typed.get("format"), typed.get("agency"), typed.get("section"), !typed.get("auto").isBlank()));
            String key = source.kind() == WireSources.Kind.PUSH ? keys.create("push to " + source.name(), ApiKeys.ingestScope(source.id())) : null;
            sourcesPage(ctx, Map.of(), Map.of(), key, source.name(), 201);
        } catch (ValidationFailed e) {
            sourcesPage(ctx, e.errors().asMap(), typed, null, null, 422);
        }
    }

    void source(Context ctx) {
        Source source = sources.byName(ctx.pathParam("name")).orElseThrow(() -> new NotFound("There is no source with this name."));
        String section = source.sectionId() == null ? "" : taxonomy.sections().stream().filter(s -> s.id().equals(source.sectionId()))
                .map(Section::name).findFirst().orElse("");
        html(ctx, 200, "desk/source.jte", new SourcePage(DeskRoutes.chrome(ctx), zone, source, section, sources.refusals(source.id())));
    }

    void enable(Context ctx, boolean on) {
        if (!sources.setEnabled(ctx.pathParam("name"), on)) {
            throw new NotFound("There is no source with this name.");
        }
        ctx.redirect("/desk/sources/" + ctx.pathParam("name"), HttpStatus.SEE_OTHER);
    }

    private void html(Context ctx, int status, String template, Object page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render(template, page));
    }
}
