package dateline.desk;

import dateline.platform.Times;
import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImageRepository;
import dateline.content.ImageUpload;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import dateline.platform.ValidationErrors;
import dateline.platform.ValidationFailed;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desk's images: the library (found by the words of their alt text, caption and credit, newest
 * first), uploads from the library or from the editor, and one image's page, where an editor changes
 * its words and everyone sees which stories show it.
 */
public final class ImageLibrary {
    static final int PAGE_SIZE = 48;
    static final int CHOICES = 24;

    private final ContentService content;
    private final ImageRepository images;
    private final Templates templates;
    private final String siteName;
    private final DeskAssets assets;
    private final ZoneId zone;

    /** The library: a page of images matching {@code query}, and the upload form. */
    public record LibraryPage(DeskChrome chrome, ZoneId zone, String query, List<Image> images, int page, boolean more,
                              Map<String, List<String>> errors, Map<String, String> typed) {
        public String error(String field) {
            return ValidationErrors.messagesFor(errors, field);
        }

        public String typed(String field) {
            return typed.getOrDefault(field, "");
        }

        public String display(Instant at) {
            return Times.display(at, zone);
        }

        /** The address of another page of these results. */
        public String pageLink(int other) {
            return "/desk/images?" + (query.isEmpty() ? "" : "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&") + "page=" + other;
        }
    }

    /** One image: its renditions, its words (a form for editors), and the stories that show it. */
    public record ImagePage(DeskChrome chrome, ZoneId zone, Image image, List<ImageRepository.Use> uses, boolean canDescribe,
                            String message, Map<String, List<String>> errors, Map<String, String> typed) {
        public String error(String field) {
            return ValidationErrors.messagesFor(errors, field);
        }

        public String value(String field, String stored) {
            return typed.getOrDefault(field, stored);
        }

        public String display(Instant at) {
            return Times.display(at, zone);
        }

        public List<String> renditions() {
            return ImageUpload.names(image.width());
        }
    }

    public ImageLibrary(ContentService content, ImageRepository images, Templates templates, String siteName, DeskAssets assets, ZoneId zone) {
        this.content = content;
        this.images = images;
        this.templates = templates;
        this.siteName = siteName;
        this.assets = assets;
        this.zone = zone;
    }

    /** The image library's routes: contributors find and upload, editors change an image's words. */
    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/images", Role.CONTRIBUTOR, this::library),
                DeskRoute.post("/desk/images", Role.CONTRIBUTOR, this::upload),
                DeskRoute.get("/desk/images/search", Role.CONTRIBUTOR, this::search),
                DeskRoute.get("/desk/images/{id}", Role.CONTRIBUTOR, this::image),
                DeskRoute.post("/desk/images/{id}", Role.EDITOR, this::describe));
    }

    void library(Context ctx) {
        renderLibrary(ctx, 200, Map.of(), Map.of());
    }

    private void renderLibrary(Context ctx, int status, Map<String, List<String>> errors, Map<String, String> typed) {
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        int page = DeskRoutes.pageNumber(ctx);
        List<Image> found = images.search(query, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        LibraryPage body = new LibraryPage(chrome(ctx), zone, query, found.subList(0, Math.min(PAGE_SIZE, found.size())), page,
                found.size() > PAGE_SIZE, errors, typed);
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render("desk/images.jte", body));
    }

    /**
     * An upload. The editor asks for JSON and gets the image's renditions to put in the body; the
     * library's form is sent to the new image's page, or shown again with what was wrong.
     */
    void upload(Context ctx) {
        boolean json = Optional.ofNullable(ctx.header("Accept")).orElse("").contains("application/json");
        String alt = DeskRoutes.formParam(ctx, "altText");
        String caption = DeskRoutes.formParam(ctx, "caption");
        String credit = DeskRoutes.formParam(ctx, "credit");
        try {
            UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("image") : null;
            if (file == null || file.size() == 0) {
                throw new ValidationFailed(new ValidationErrors().add("image", "Choose an image file to upload."));
            }
            Image image = content.addImage(ImageUpload.check(bytes(file)), alt, caption, credit);
            if (json) {
                DeskLookups.json(ctx, 201, forEditor(image));
            } else {
                ctx.redirect("/desk/images/" + image.id() + "?done=added", HttpStatus.SEE_OTHER);
            }
        } catch (ValidationFailed e) {
            if (json) {
                DeskLookups.json(ctx, 422, Map.of("error", DeskLookups.firstError(e)));
            } else {
                renderLibrary(ctx, 422, e.errors().asMap(), Map.of("altText", alt, "caption", caption, "credit", credit));
            }
        }
    }

    /** Images matching what was typed, for the story form's lead-image choices. */
    void search(Context ctx) {
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        DeskLookups.json(ctx, 200, images.search(query, 0, CHOICES).stream().map(ImageLibrary::forEditor).toList());
    }

    void image(Context ctx) {
        renderImage(ctx, find(ctx.pathParam("id")), 200, "added".equals(ctx.queryParam("done")) ? "Image added."
                : "saved".equals(ctx.queryParam("done")) ? "Saved. Stories that lead with this image show the new words." : null, Map.of(), Map.of());
    }

    void describe(Context ctx) {
        Image image = find(ctx.pathParam("id"));
        String alt = DeskRoutes.formParam(ctx, "altText");
        String caption = DeskRoutes.formParam(ctx, "caption");
        String credit = DeskRoutes.formParam(ctx, "credit");
        try {
            content.describeImage(image.id(), alt, caption, credit);
            ctx.redirect("/desk/images/" + image.id() + "?done=saved", HttpStatus.SEE_OTHER);
        } catch (ValidationFailed e) {
            renderImage(ctx, image, 422, null, e.errors().asMap(), Map.of("altText", alt, "caption", caption, "credit", credit));
        }
    }

    private void renderImage(Context ctx, Image image, int status, String message, Map<String, List<String>> errors, Map<String, String> typed) {
        Sessions.Session session = ctx.attribute("session");
        ImagePage page = new ImagePage(chrome(ctx), zone, image, images.uses(image.id()), session.user().role().includes(Role.EDITOR),
                message, errors, typed);
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render("desk/image.jte", page));
    }

    private Image find(String id) {
        return images.find(id).orElseThrow(() -> new NotFound("No image with id '%s'.".formatted(id)));
    }

    private DeskChrome chrome(Context ctx) {
        return DeskChrome.of(siteName, assets, ctx.attribute("session"));
    }

    /** What the editor needs to show an image: its renditions and words. */
    static Map<String, Object> forEditor(Image image) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", image.id());
        body.put("src", image.src(1200));
        int srcWidth = image.srcWidth(1200);
        body.put("srcWidth", srcWidth);
        body.put("srcHeight", Math.max(1, Math.round((float) image.height() * srcWidth / image.width())));
        body.put("thumb", image.src(480));
        body.put("srcset", image.srcset());
        body.put("width", image.width());
        body.put("height", image.height());
        body.put("alt", image.altText());
        body.put("caption", image.caption());
        body.put("credit", image.credit());
        return body;
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
}
