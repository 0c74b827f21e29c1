package dateline.site;

import dateline.content.Image;
import dateline.content.Jpeg;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Crops of a story's lead image in the shapes structured data asks for (16:9, 4:3, 1:1), made
 * from the original on first request and then kept by the page cache (their addresses never change).
 */
final class Renditions {
    static final List<String> RATIOS = List.of("16x9", "4x3", "1x1");
    private static final int WIDTH = 1200;

    private Renditions() {}

    static String path(Image image, String ratio) {
        return "/media/" + image.id() + "/" + ratio + ".jpg";
    }

    /** A centred crop of the original to the ratio, at most 1,200 pixels wide, as JPEG. */
    static byte[] crop(byte[] original, String ratio) {
        String[] parts = ratio.split("x");
        int rw = Integer.parseInt(parts[0]);
        int rh = Integer.parseInt(parts[1]);
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(original));
            if (source == null) {
                throw new IllegalStateException("The stored image cannot be decoded");
            }
            int w = source.getWidth();
            int h = source.getHeight();
            int cropW = w;
            int cropH = w * rh / rw;
            if (cropH > h) {
                cropH = h;
                cropW = h * rw / rh;
            }
            int outW = Math.min(WIDTH, cropW);
            int outH = outW * rh / rw;
            BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, outW, outH, (w - cropW) / 2, (h - cropH) / 2, (w - cropW) / 2 + cropW, (h - cropH) / 2 + cropH, null);
            g.dispose();
            return Jpeg.encode(out, 0.85f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
