package dateline.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImageUpload;
import dateline.content.Tag;
import dateline.content.TaxonomyRepository;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import dateline.search.SearchQuery;
import dateline.search.Searcher;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the story editor asks for while a story is written, answered in JSON: tag suggestions,
 * published stories for Read-more picks, and images uploaded into the body.
 */
public final class DeskLookups {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ContentService content;
    private final TaxonomyRepository taxonomy;
    private final Searcher searcher;
    private final ZoneId zone;

    public DeskLookups(ContentService content, TaxonomyRepository taxonomy, Searcher searcher, ZoneId zone) {
        this.content = content;
        this.taxonomy = taxonomy;
        this.searcher = searcher;
        this.zone = zone;
    }

    /** Tag names containing what was typed, those starting with it first. */
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
                "published", dateline.site.Times.iso(h.publishedAt(), zone))).toList());
    }

    /** An image for the story body; answers with its renditions' addresses, or why it was refused. */
    void uploadImage(Context ctx) {
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("image") : null;
        if (file == null || file.size() == 0) {
            json(ctx, 422, Map.of("error", "Choose an image file to upload."));
            return;
        }
        try {
            Image image = content.addImage(ImageUpload.check(bytes(file)), DeskRoutes.formParam(ctx, "altText"),
                    DeskRoutes.formParam(ctx, "caption"), DeskRoutes.formParam(ctx, "credit"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", image.id());
            body.put("src", image.src(1200));
            int srcWidth = Integer.parseInt(image.src(1200).replaceAll(".*/w(\\d+)\\.jpg$", "$1"));
            body.put("srcWidth", srcWidth);
            body.put("srcHeight", Math.max(1, Math.round((float) image.height() * srcWidth / image.width())));
            body.put("srcset", image.srcset());
            body.put("width", image.width());
            body.put("height", image.height());
            body.put("alt", image.altText());
            body.put("caption", image.caption());
            body.put("credit", image.credit());
            json(ctx, 201, body);
        } catch (ValidationFailed e) {
            json(ctx, 422, Map.of("error", firstError(e)));
        }
    }

    /** An uploaded file's bytes; one over the image limit is refused before it is read. */
    static byte[] bytes(UploadedFile file) {
        if (file.size() > ImageUpload.MAX_BYTES) {
            throw new ValidationFailed(new ValidationErrors().add("image",
                    "The file is %.1f MB; images may be at most %d MB.".formatted(file.size() / 1048576.0, ImageUpload.MAX_BYTES / 1048576)));
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
