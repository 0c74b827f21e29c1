package dateline.content;

import dateline.platform.ValidationFailed;
import dateline.platform.ValidationErrors;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks an uploaded file and makes its renditions: widths for the page's {@code srcset} and the
 * 16:9, 4:3 and 1:1 crops structured data asks for, all as JPEG. The type is read from the file's
 * own first bytes, never from its name or the browser's word; the size in pixels is read from the
 * header before anything is decoded, so a small file that would decode to a huge image is refused.
 */
public final class ImageUpload {
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    static final long MAX_PIXELS = 50_000_000L;
    public static final List<Integer> WIDTHS = List.of(480, 800, 1200, 1600);
    public static final List<String> CROPS = List.of("16x9", "4x3", "1x1");
    private static final int CROP_WIDTH = 1200;
    private static final java.util.concurrent.Semaphore DECODING = new java.util.concurrent.Semaphore(2, true);

    /** One stored rendition; {@code name} is {@code w800} for a width or {@code 16x9} for a crop. */
    public record Rendition(String name, int width, int height, byte[] data) {}

    /** A checked image: its type as read from its bytes, its size, the original bytes and its renditions. */
    public record Checked(String contentType, int width, int height, byte[] original, List<Rendition> renditions) {}

    private ImageUpload() {}

    /** Checks the bytes and makes the renditions; a file that is not a usable image is refused with the reason. */
    public static Checked check(byte[] bytes) {
        ValidationErrors errors = new ValidationErrors();
        if (bytes == null || bytes.length == 0) {
            errors.add("image", "The file is empty.").throwIfAny();
        }
        if (bytes.length > MAX_BYTES) {
            errors.add("image", "The file is %.1f MB; images may be at most %d MB.".formatted(bytes.length / 1048576.0, MAX_BYTES / 1048576))
                    .throwIfAny();
        }
        String type = sniff(bytes);
        if (type == null) {
            errors.add("image", "This file is not a JPEG, PNG or WebP image.").throwIfAny();
        }
        // A decoded 50-megapixel picture takes 200 MB: two at a time, whatever the number of uploads.
        DECODING.acquireUninterruptibly();
        try {
            BufferedImage image = decode(bytes, type, errors);
            List<Rendition> renditions = renditions(image);
            return new Checked(type, image.getWidth(), image.getHeight(), bytes, renditions);
        } finally {
            DECODING.release();
        }
    }

    /** The image type from the file's signature, or null. */
    static String sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static BufferedImage decode(byte[] bytes, String type, ValidationErrors errors) {
        String damaged = "The file looks like a " + label(type) + " image but cannot be read; it may be damaged.";
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (!readers.hasNext()) {
                throw new IllegalStateException("No image reader for " + type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    errors.add("image", "The image is %d × %d pixels; images may have at most %d million pixels.".formatted(w, h, MAX_PIXELS / 1_000_000))
                            .throwIfAny();
                }
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() == 0 || image.getHeight() == 0) {
                    errors.add("image", damaged).throwIfAny();
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationFailed failed) {
                throw failed;
            }
            errors.add("image", damaged).throwIfAny();
            throw new IllegalStateException(e);
        }
    }

    private static String label(String type) {
        return switch (type) {
            case "image/jpeg" -> "JPEG";
            case "image/png" -> "PNG";
            default -> "WebP";
        };
    }

    /**
     * The rendition names an image of this width has: each standard width below its own, its own width
     * when that is not above the widest (so a 640-pixel picture is not shown at 480), then the three
     * crops.
     */
    public static List<String> names(int originalWidth) {
        List<String> names = new ArrayList<>();
        for (int width : WIDTHS) {
            if (width < originalWidth) {
                names.add("w" + width);
            }
        }
        if (originalWidth <= WIDTHS.getLast()) {
            names.add("w" + originalWidth);
        }
        names.addAll(CROPS);
        return names;
    }

    public static List<Rendition> renditions(BufferedImage image) {
        Pyramid pyramid = new Pyramid(image);
        return names(image.getWidth()).stream().map(name -> rendition(pyramid, name)).toList();
    }

    /** One rendition by name; {@link #names} says which exist. */
    public static Rendition rendition(BufferedImage image, String name) {
        return rendition(new Pyramid(image), name);
    }

    private static Rendition rendition(Pyramid pyramid, String name) {
        return name.startsWith("w") ? width(pyramid, Integer.parseInt(name.substring(1))) : crop(pyramid, name);
    }

    private static Rendition width(Pyramid pyramid, int width) {
        int w = pyramid.width();
        int h = pyramid.height();
        int tw = Math.min(width, w);
        int th = Math.max(1, (int) Math.round((double) h * tw / w));
        return new Rendition("w" + width, tw, th, Jpeg.encode(scale(pyramid, 0, 0, w, h, tw, th), 0.82f));
    }

    /** A centred crop of the image to the ratio ({@code 16x9}), at most 1,200 pixels wide. */
    private static Rendition crop(Pyramid pyramid, String ratio) {
        String[] parts = ratio.split("x");
        int rw = Integer.parseInt(parts[0]);
        int rh = Integer.parseInt(parts[1]);
        int w = pyramid.width();
        int h = pyramid.height();
        int cropW = w;
        int cropH = Math.max(1, w * rh / rw);
        if (cropH > h) {
            cropH = h;
            cropW = Math.max(1, h * rw / rh);
        }
        int outW = Math.min(CROP_WIDTH, cropW);
        int outH = Math.max(1, outW * rh / rw);
        return new Rendition(ratio, outW, outH, Jpeg.encode(scale(pyramid, (w - cropW) / 2, (h - cropH) / 2, cropW, cropH, outW, outH), 0.85f));
    }

    /**
     * The image and its halvings (each made once, when first needed, and shared by every rendition).
     * A large reduction starts from the smallest halving still at least twice the target size: one
     * bicubic step from a picture many times larger skips most of its pixels and leaves jagged edges
     * and moiré.
     */
    private static final class Pyramid {
        private final List<BufferedImage> levels = new ArrayList<>();

        Pyramid(BufferedImage image) {
            levels.add(image);
        }

        int width() {
            return levels.getFirst().getWidth();
        }

        int height() {
            return levels.getFirst().getHeight();
        }

        BufferedImage level(int k) {
            while (levels.size() <= k) {
                BufferedImage last = levels.getLast();
                BufferedImage half = new BufferedImage(Math.max(1, last.getWidth() / 2), Math.max(1, last.getHeight() / 2),
                        last.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
                Graphics2D g = half.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(last, 0, 0, half.getWidth(), half.getHeight(), null);
                g.dispose();
                levels.add(half);
            }
            return levels.get(k);
        }
    }

    /** Draws a region of the original at a new size, on white (so transparent PNG and WebP areas do not turn black in JPEG). */
    private static BufferedImage scale(Pyramid pyramid, int x, int y, int w, int h, int outW, int outH) {
        int k = 0;
        while ((w >> k) >= outW * 2 && (h >> k) >= outH * 2) {
            k++;
        }
        BufferedImage source = pyramid.level(k);
        int sx = Math.min(x >> k, source.getWidth() - 1);
        int sy = Math.min(y >> k, source.getHeight() - 1);
        int sw = Math.max(1, Math.min(w >> k, source.getWidth() - sx));
        int sh = Math.max(1, Math.min(h >> k, source.getHeight() - sy));
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, outW, outH);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, outW, outH, sx, sy, sx + sw, sy + sh, null);
        g.dispose();
        return out;
    }

    /** Decodes stored bytes (for renditions of images stored before renditions were kept). */
    public static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("The stored image cannot be decoded");
            }
            return image;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
