package dateline.content;

import java.time.Instant;
import java.util.List;

/** An image's description; its bytes are read separately ({@link ImageRepository#data}). */
public record Image(String id, String contentType, int width, int height, String altText, String caption, String credit, Instant createdAt) {

    /** The public path of a rendition: {@code w800} for a width, {@code 16x9} for a crop (always JPEG). */
    public String renditionPath(String name) {
        return "/media/" + id + "/" + name + ".jpg";
    }

    /** The {@code srcset} of the width renditions, for pages. */
    public String srcset() {
        return ImageUpload.names(width).stream().filter(n -> n.startsWith("w"))
                .map(n -> renditionPath(n) + " " + Math.min(width, Integer.parseInt(n.substring(1))) + "w")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The largest width rendition not wider than {@code max} pixels (the smallest if all are wider). */
    public String src(int max) {
        return renditionPath(widthRendition(max));
    }

    /** The width in pixels of the rendition {@link #src(int)} names. */
    public int srcWidth(int max) {
        return Integer.parseInt(widthRendition(max).substring(1));
    }

    private String widthRendition(int max) {
        List<String> names = ImageUpload.names(width);
        String best = names.getFirst(); // the narrowest
        for (String n : names) {
            if (n.startsWith("w") && Integer.parseInt(n.substring(1)) <= max) {
                best = n;
            }
        }
        return best;
    }

    /** The public path of the original bytes, as uploaded. */
    public String path() {
        return "/media/" + id + switch (contentType) {
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            default -> ".jpg";
        };
    }
}
