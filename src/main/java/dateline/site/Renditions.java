package dateline.site;

import dateline.content.Image;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

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
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
                writer.setOutput(stream);
                writer.write(null, new IIOImage(out, null, null), param);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
