package dateline.content;

import java.time.Instant;

/** An image's description; its bytes are read separately ({@link ImageRepository#data}). */
public record Image(String id, String contentType, int width, int height, String altText, String caption, String credit, Instant createdAt) {

    /** The public path of the image bytes. */
    public String path() {
        return "/media/" + id + (contentType.equals("image/png") ? ".png" : ".jpg");
    }
}
