package dateline.desk;

import dateline.content.Urls;
import dateline.content.ContentService;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ImageUpload;
import dateline.content.Section;
import dateline.content.Status;
import dateline.demo.DemoImagesForTests;
import dateline.platform.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Image uploads over real HTTP, on each database: the formats kept with their renditions, the files refused, and a lead image sent with the story form.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ImageUploadTest extends DeskTestCase {
    @BeforeEach
    void setUp() {
        givenNewsroom();
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void jpeg_png_and_webp_uploads_are_stored_with_width_renditions_and_crops() throws IOException {
        Map<String, byte[]> uploads = Map.of("image/jpeg", DemoImagesForTests.jpeg(), "image/png", DemoImagesForTests.png(900, 600),
                "image/webp", resource("/images/gradient.webp"));
        for (var upload : uploads.entrySet()) {
            HttpResponse<String> response = eddie.postMultipart("/desk/images", Map.of("altText", "A test picture", "caption", "Caption",
                    "credit", "Photo: us"), "image", "upload.bin", upload.getValue());
            assertThat(response.statusCode()).as(upload.getKey()).isEqualTo(201);
            JsonNode body = json(response);
            var image = site.app.parts().images().find(body.get("id").asText()).orElseThrow();
            assertThat(image.contentType()).isEqualTo(upload.getKey());
            assertThat(site.getBytes(image.path()).body()).isEqualTo(upload.getValue());

            for (String name : ImageUpload.names(image.width())) {
                HttpResponse<byte[]> rendition = site.getBytes(image.renditionPath(name));
                assertThat(rendition.statusCode()).as(name).isEqualTo(200);
                assertThat(rendition.headers().firstValue("Content-Type")).contains("image/jpeg");
                BufferedImage decoded = decode(rendition.body());
                assertThat(site.app.parts().images().rendition(image.id(), name)).as("stored " + name).contains(rendition.body());
                if (name.startsWith("w")) {
                    assertThat(decoded.getWidth()).isEqualTo(Math.min(image.width(), Integer.parseInt(name.substring(1))));
                    assertThat((double) decoded.getHeight() / decoded.getWidth()).isCloseTo((double) image.height() / image.width(),
                            org.assertj.core.data.Offset.offset(0.02));
                } else {
                    String[] ratio = name.split("x");
                    assertThat(decoded.getWidth() * Integer.parseInt(ratio[1])).isCloseTo(decoded.getHeight() * Integer.parseInt(ratio[0]),
                            org.assertj.core.data.Offset.offset(Integer.parseInt(ratio[0]) * 2));
                }
            }
            assertThat(body.get("src").asText()).isEqualTo(image.src(1200));
            BufferedImage shown = decode(site.getBytes(image.src(1200)).body());
            assertThat(body.get("srcWidth").asInt()).isEqualTo(shown.getWidth());
            assertThat(body.get("srcHeight").asInt()).isCloseTo(shown.getHeight(), org.assertj.core.data.Offset.offset(1));
        }
        assertThat(ImageUpload.check(resource("/images/gradient-lossless.webp")).width()).isEqualTo(64);
        assertThat(ImageUpload.names(640)).containsExactly("w480", "w640", "16x9", "4x3", "1x1");
        assertThat(ImageUpload.names(300)).containsExactly("w300", "16x9", "4x3", "1x1");
        assertThat(ImageUpload.names(4000)).containsExactly("w480", "w800", "w1200", "w1600", "16x9", "4x3", "1x1");
        assertThat(site.getBytes("/media/nosuchimage/w800.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void files_that_are_not_usable_images_are_refused_with_the_reason_and_nothing_is_stored() throws IOException {
        BufferedImage huge = new BufferedImage(8000, 8000, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        ImageIO.write(huge, "png", bomb);
        byte[] jpeg = DemoImagesForTests.jpeg();
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 200);
        byte[] oversize = new byte[ImageUpload.MAX_BYTES + 1024];
        System.arraycopy(jpeg, 0, oversize, 0, jpeg.length);
        Map<byte[], String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("<svg onload=alert(1)></svg>".getBytes(), "This file is not a JPEG, PNG or WebP image.");
        refusals.put(bomb.toByteArray(), "The image is 8000 × 8000 pixels; images may have at most 50 million pixels.");
        refusals.put(truncated, "The file looks like a JPEG image but cannot be read; it may be damaged.");
        refusals.put(oversize, "The file is 20.0 MB; images may be at most 20 MB.");
        for (var refusal : refusals.entrySet()) {
            HttpResponse<String> response = eddie.postMultipart("/desk/images", Map.of("altText", "Something"), "image", "x.jpg", refusal.getKey());
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).get("error").asText()).isEqualTo(refusal.getValue());
        }
        HttpResponse<String> noAlt = eddie.postMultipart("/desk/images", Map.of("altText", " "), "image", "x.jpg", jpeg);
        assertThat(json(noAlt).get("error").asText()).isEqualTo("Describe the image for readers who cannot see it (alt text).");
        HttpResponse<String> tooBig = eddie.postMultipart("/desk/images", Map.of("altText", "Big"), "image", "x.jpg", new byte[30 * 1024 * 1024]);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("images may be at most 20 MB");
        assertThat(site.app.parts().images().all()).isEmpty();
    }

    @Test
    void a_lead_image_uploaded_with_the_story_form_becomes_the_lead_image_and_a_bad_one_keeps_the_text() {
        Article story = site.content.create(site.givenDraft("Harbour reopens", world), "eddie@example.org");
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("version", String.valueOf(story.version()), "headline", "Harbour reopens",
                "bodyHtml", "<p>Ships are back.</p>", "sectionId", world.id(), "language", "en", "source", "staff", "action", "save",
                "leadImageAlt", "Ships in the harbour", "leadImageCredit", "Photo: Eddie"));

        HttpResponse<String> bad = eddie.postMultipart("/desk/stories/" + story.id(), fields, "leadImageFile", "notes.txt", "hello".getBytes());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("This file is not a JPEG, PNG or WebP image.", "Ships are back.");
        assertThat(stored(story.id()).version()).isEqualTo(story.version());

        HttpResponse<String> good = eddie.postMultipart("/desk/stories/" + story.id(), fields, "leadImageFile", "ships.jpg", DemoImagesForTests.jpeg());
        assertThat(good.statusCode()).isEqualTo(303);
        Article saved = stored(story.id());
        assertThat(saved.leadImage().altText()).isEqualTo("Ships in the harbour");
        assertThat(saved.leadImage().credit()).isEqualTo("Photo: Eddie");
        assertThat(eddie.get("/desk/stories/" + story.id()).body()).contains(saved.leadImage().src(480),
                "name=\"leadImageId\" value=\"" + saved.leadImage().id() + "\" checked");

        Article other = site.content.create(site.givenDraft("Another story", world), "eddie@example.org");
        String otherPage = eddie.get("/desk/stories/" + other.id()).body();
        assertThat(otherPage).as("recent uploads are offered to other stories").contains("value=\"" + saved.leadImage().id() + "\">")
                .contains("value=\"\" checked");
    }

    @Test
    void a_refused_save_keeps_neither_the_story_change_nor_the_image_chosen_with_it() {
        Article story = site.content.create(site.givenDraft("Harbour reopens", world), "eddie@example.org");
        Map<String, String> stale = new java.util.LinkedHashMap<>(Map.of("version", String.valueOf(story.version() + 5), "headline", "Harbour reopens",
                "bodyHtml", "<p>Ships are back.</p>", "sectionId", world.id(), "language", "en", "source", "staff", "action", "save",
                "leadImageAlt", "Ships in the harbour"));
        Map<String, String> past = new java.util.LinkedHashMap<>(stale);
        past.put("version", String.valueOf(story.version()));
        past.put("action", "schedule");
        past.put("scheduledAt", "2001-01-01T10:00");

        HttpResponse<String> conflict = eddie.postMultipart("/desk/stories/" + story.id(), stale, "leadImageFile", "ships.jpg", DemoImagesForTests.jpeg());
        HttpResponse<String> refused = eddie.postMultipart("/desk/stories/" + story.id(), past, "leadImageFile", "ships.jpg", DemoImagesForTests.jpeg());
        HttpResponse<String> newStory = eddie.postMultipart("/desk/stories", Map.of("headline", "", "sectionId", world.id(), "version", "0",
                "leadImageAlt", "Ships"), "leadImageFile", "ships.jpg", DemoImagesForTests.jpeg());

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(newStory.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("choose its file again");
        assertThat(site.app.parts().images().all()).as("no orphan images").isEmpty();
        assertThat(stored(story.id()).version()).isEqualTo(story.version());
    }
}
