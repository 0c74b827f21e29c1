package dateline.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.content.ArticleDraft;
import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImportedStory;
import dateline.content.Section;
import dateline.content.Slugs;
import dateline.content.Status;
import dateline.content.TaxonomyRepository;
import dateline.ingest.WireFormat.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a Ghost export (JSON, Ghost 4 and 5), streaming the posts one at a time. The file is read
 * whole first (tags, users and their links to posts are small), so one that is not JSON or not a Ghost
 * export is refused before anything is written. Posts become stories with their status and times
 * (the {@code html} field; a post with only mobiledoc or lexical is reported, not guessed at), public
 * tags become tags (internal {@code #tags} are skipped), authors authors; pages are counted, not yet
 * imported. Each post's old address {@code /slug/} answers 301. Identity is the post's uuid.
 */
public final class GhostImport {
    static final String ACTOR = "ghost import";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContentService content;
    private final TaxonomyRepository taxonomy;

    public GhostImport(ContentService content, TaxonomyRepository taxonomy) {
        this.content = content;
        this.taxonomy = taxonomy;
    }

    /** What the first pass learns: the export's version, its tags, users, and which belong to which post. */
    private static final class Index {
        String version = "";
        final Map<String, JsonNode> tags = new HashMap<>();
        final Map<String, JsonNode> users = new HashMap<>();
        final Map<String, List<String>> postTags = new HashMap<>();
        final Map<String, List<String>> postAuthors = new HashMap<>();
        final Map<String, JsonNode> postMeta = new HashMap<>();            // Ghost 5: a post's feature image alt text and caption
        boolean posts;
    }

    public ImportReport run(Path file, boolean dryRun) throws Refused, IOException {
        return run(file, dryRun, done -> { });
    }

    /** The same, telling {@code progress} how much of the file has been imported (0 to 1) as it goes. */
    public ImportReport run(Path file, boolean dryRun, java.util.function.DoubleConsumer progress) throws Refused, IOException {
        return run(file, null, dryRun, progress);
    }

    /**
     * The same, taking images from {@code media} (a copy of Ghost's {@code content/images}) when given,
     * else from their address when it is absolute and answers, else listing them as missing.
     */
    public ImportReport run(Path file, Path media, boolean dryRun, java.util.function.DoubleConsumer progress) throws Refused, IOException {
        Index index = index(file);
        ImportReport report = new ImportReport("Ghost export", dryRun);
        report.version("Ghost " + index.version);
        ImportMedia images = new ImportMedia(content, report, media, dryRun, ORIGIN_IMAGE);
        Map<String, String> authorIds = new HashMap<>();
        for (JsonNode user : index.users.values()) {
            String name = user.path("name").asText("").strip();
            if (name.isEmpty()) {
                continue;
            }
            String authorId = report.author(content, taxonomy, name, user.path("bio").asText(""), dryRun);
            if (authorId != null) {
                authorIds.put(user.path("id").asText(), authorId);
            }
        }
        Optional<String> sectionId = taxonomy.sections().stream().findFirst().map(Section::id);
        long size = Math.max(1, Files.size(file));
        walk(file, Map.of("posts", post -> post(post, index, authorIds, sectionId.orElse(null), images, report, dryRun)),
                read -> progress.accept(Math.min(1.0, (double) read / size)));
        report.flush(content, ACTOR);
        return report;
    }

    private static final String ORIGIN_IMAGE = "ghost:image:";

    /**
     * An image a Ghost export names ({@code __GHOST_URL__/content/images/2024/01/x.jpg}, or an absolute
     * address): its path under content/images is what a media folder holds and what names it.
     */
    private static ImportMedia.Source image(String address, String label, String alt, String caption) {
        int at = address.indexOf("/content/images/");
        String file = at < 0 ? "" : address.substring(at + "/content/images/".length()).replaceFirst("[?#].*$", "")
                .replaceFirst("^size/[^/]+/(format/[^/]+/)?", ""); // a resized copy Ghost made is the same image
        String url = address.startsWith("http://") || address.startsWith("https://") ? address : "";
        return new ImportMedia.Source(label + " (" + address + ")", ORIGIN_IMAGE + (file.isEmpty() ? address : file), file, url, alt, caption);
    }

    private void post(JsonNode post, Index index, Map<String, String> authorIds, String sectionId, ImportMedia images, ImportReport report,
                      boolean dryRun) {
        String title = post.path("title").asText("").strip();
        String label = "post " + post.path("slug").asText(post.path("id").asText()) + (title.isEmpty() ? "" : " \"" + title + "\"");
        if ("page".equals(post.path("type").asText("post"))) {
            page(post, title, report, dryRun, label.replaceFirst("^post", "page"));
            return;
        }
        Status status = switch (post.path("status").asText("")) {
            case "published" -> Status.PUBLISHED;
            case "draft" -> Status.DRAFT;
            case "scheduled" -> Status.SCHEDULED;
            default -> null;
        };
        if (status == null) {
            report.count("stories", "skipped");
            report.line(label + ": skipped: status \"" + post.path("status").asText("") + "\"");
            return;
        }
        String html = post.path("html").asText("");
        if (html.isBlank() && (post.hasNonNull("mobiledoc") || post.hasNonNull("lexical"))) {
            report.count("stories", "skipped");
            report.line(label + ": skipped: it has no html, only " + (post.hasNonNull("lexical") ? "lexical" : "mobiledoc") + " (export it again from Ghost 5, which writes html)");
            return;
        }
        if (sectionId == null) {
            report.count("stories", "failed");
            report.line(label + ": failed: Dateline has no section yet to put it in");
            return;
        }
        List<String> tags = new ArrayList<>();
        for (String tagId : index.postTags.getOrDefault(post.path("id").asText(), List.of())) {
            JsonNode tag = index.tags.get(tagId);
            String name = tag == null ? "" : tag.path("name").asText("");
            if (name.startsWith("#")) {
                report.count("internal tags", "skipped");
            } else if (!Slugs.slugify(name).isEmpty() && tags.size() < 30) {
                tags.add(name);
            }
        }
        List<String> authors = index.postAuthors.getOrDefault(post.path("id").asText(), List.of()).stream().map(authorIds::get)
                .filter(java.util.Objects::nonNull).distinct().limit(10).toList();
        Instant created = time(post.path("created_at").asText(null));
        Instant updated = time(post.path("updated_at").asText(null));
        Instant published = time(post.path("published_at").asText(null));
        Instant start = created != null ? created : published != null ? published : Instant.EPOCH;
        String excerpt = post.path("custom_excerpt").asText("");
        String leadImageId = null;
        String feature = post.path("feature_image").asText("").strip();
        if (!feature.isEmpty()) {
            JsonNode meta = index.postMeta.getOrDefault(post.path("id").asText(), post);
            String alt = meta.path("feature_image_alt").asText(post.path("feature_image_alt").asText(""));
            String caption = WireText.plain(meta.path("feature_image_caption").asText(post.path("feature_image_caption").asText("")));
            leadImageId = images.image(image(feature, "feature image of " + label, alt.isBlank() ? title : alt, caption)).map(Image::id).orElse(null);
        }
        html = images.inline(html, (src, alt) -> src.contains("/content/images/")
                ? images.image(image(src, "image in " + label, alt.isBlank() ? title : alt, "")) : Optional.empty());
        ArticleDraft draft = new ArticleDraft(title.isEmpty() ? "Untitled (Ghost post)" : WireText.cut(title, 300), WireText.cut(excerpt, 2000), html, "", sectionId,
                authors, tags, leadImageId, "en", "staff", null);
        String slug = post.path("slug").asText("");
        ImportedStory story = new ImportedStory("ghost:" + post.path("uuid").asText(post.path("id").asText()), draft, slug, status, start,
                updated != null && !updated.isBefore(start) ? updated : start, status == Status.PUBLISHED ? (published != null ? published : start) : null,
                status == Status.SCHEDULED ? published : null, slug.isEmpty() ? List.of() : List.of("/" + slug), WireText.sha256(post.toString()));
        if (dryRun) {
            report.count("stories", "read");
            return;
        }
        report.story(content, story, ACTOR, label);
    }

    /** A Ghost page becomes a static page (published or draft); its old /slug/ answers 301 when the slug had to change. */
    private void page(JsonNode post, String title, ImportReport report, boolean dryRun, String label) {
        String status = post.path("status").asText("");
        String html = post.path("html").asText("");
        if (html.isBlank() && (post.hasNonNull("mobiledoc") || post.hasNonNull("lexical"))) {
            report.count("pages", "skipped");
            report.line(label + ": skipped: it has no html, only " + (post.hasNonNull("lexical") ? "lexical" : "mobiledoc"));
            return;
        }
        if (dryRun) {
            report.count("pages", "read");
            return;
        }
        String slug = post.path("slug").asText("");
        report.store("pages", label, () -> content.importPage("ghost:" + post.path("uuid").asText(post.path("id").asText()),
                title.isEmpty() ? "Untitled page" : WireText.cut(title, 300), slug, html, status.equals("published"), 0,
                WireText.sha256(post.toString()), slug.isEmpty() ? List.of() : List.of("/" + slug)));
    }

    /** The first pass: refuses what is not a Ghost export, and gathers tags, users and their links to posts. */
    private static Index index(Path file) throws Refused, IOException {
        Index index = new Index();
        walk(file, Map.of(
                "posts", post -> { }, // every post read whole once: one too large for any export is refused before anything is written
                "tags", node -> index.tags.put(node.path("id").asText(), node),
                "users", node -> index.users.put(node.path("id").asText(), node),
                "posts_tags", node -> index.postTags.computeIfAbsent(node.path("post_id").asText(), k -> new ArrayList<>()).add(node.path("tag_id").asText()),
                "posts_authors", node -> index.postAuthors.computeIfAbsent(node.path("post_id").asText(), k -> new ArrayList<>())
                        .add(node.path("author_id").asText()),
                "posts_meta", node -> index.postMeta.put(node.path("post_id").asText(), node),
                "meta", node -> index.version = node.path("version").asText("")), read -> { });
        return index;
    }

    interface Each {
        void accept(JsonNode node);
    }

    /**
     * Streams the export once, giving each entry of {@code db[0].data.<table>} (and {@code db[0].meta},
     * as table "meta") to that table's handler; other tables are skipped unread. Refuses a file that is
     * not JSON shaped as a Ghost export.
     */
    private static void walk(Path file, Map<String, Each> tables, java.util.function.LongConsumer read) throws Refused, IOException {
        try (InputStream in = new ProgressInput(Files.newInputStream(file), read); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Refused("the file is not a Ghost export: it is not a JSON object");
            }
            boolean sawDb = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("db") && p.currentToken() == JsonToken.START_ARRAY) {
                    sawDb = true;
                    if (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String part = p.currentName();
                            p.nextToken();
                            if (part.equals("meta") && tables.containsKey("meta")) {
                                tables.get("meta").accept(JSON.readTree(p));
                            } else if (part.equals("data") && p.currentToken() == JsonToken.START_OBJECT) {
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    String t = p.currentName();
                                    p.nextToken();
                                    Each each = tables.get(t);
                                    if (each != null && p.currentToken() == JsonToken.START_ARRAY) {
                                        while (p.nextToken() == JsonToken.START_OBJECT) {
                                            each.accept(JSON.readTree(p));
                                        }
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) { // other databases of a multi-db export
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawDb) {
                throw new Refused("the file is not a Ghost export: it has no \"db\" array");
            }
        } catch (JsonParseException e) {
            throw new Refused("the file is not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) { // a value longer or deeper than any export holds
            throw new Refused("the file was refused" + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": "
                    + e.getOriginalMessage());
        }
    }

    private static Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
