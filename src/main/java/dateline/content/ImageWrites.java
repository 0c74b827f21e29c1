package dateline.content;

import dateline.platform.Ids;
import dateline.platform.NotFound;
import dateline.platform.ValidationErrors;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Storing images with their renditions, and changing the words that describe them. */
record ImageWrites(Writes writes, ImageRepository images, ArticleRepository articles) {
    static final String NO_ALT_TEXT = "Describe the image for readers who cannot see it (alt text).";

    Image add(ImageUpload.Checked checked, String altText, String caption, String credit) {
        requireAltText(altText);
        return writes.run(h -> addIn(h, checked, altText, caption, credit));
    }

    /** Stores an image inside the caller's transaction (a story saved with its new lead image: both or neither). */
    Image addIn(Handle h, ImageUpload.Checked checked, String altText, String caption, String credit) {
        requireAltText(altText);
        Image image = new Image(Ids.newId(), checked.contentType(), checked.width(), checked.height(), altText.strip(),
                text(caption), text(credit), writes.now());
        images.insert(h, image, checked.original());
        images.insertRenditions(h, image.id(), checked.renditions());
        writes.append(h, image.createdAt(), EventTypes.IMAGE_ADDED, image.id(), List.of(SurrogateKeys.image(image.id())));
        return image;
    }

    /** New words for an image; each story leading with it gets an event (no new version) so its pages refresh. */
    Image describe(String id, String altText, String caption, String credit) {
        requireAltText(altText);
        return writes.run(h -> {
            images.find(h, id).orElseThrow(() -> new NotFound("No image with id '%s'.".formatted(id)));
            images.describe(h, id, altText.strip(), text(caption), text(credit));
            Instant at = writes.now();
            writes.append(h, at, EventTypes.IMAGE_DESCRIBED, id, List.of(SurrogateKeys.image(id)));
            for (String storyId : images.leadOf(h, id)) {
                writes.append(h, at, EventTypes.ARTICLE_IMAGE_DESCRIBED, storyId, StoryStore.keys(articles.findById(h, storyId).orElseThrow(), null));
            }
            return images.find(h, id).orElseThrow();
        });
    }

    private static void requireAltText(String altText) {
        if (altText == null || altText.isBlank()) {
            new ValidationErrors().add("altText", NO_ALT_TEXT).throwIfAny();
        }
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
