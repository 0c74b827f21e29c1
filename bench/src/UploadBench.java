import dateline.content.ImageUpload;
import dateline.content.Jpeg;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Time to accept an uploaded photo: ImageUpload.check (type sniffing, header size check, decode,
 * seven JPEG renditions) against the JDK's decode of the same file alone, measured in the same run.
 */
public class UploadBench {
    public static void main(String[] args) throws Exception {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        byte[] jpeg = Jpeg.encode(photo(width, height), 0.9f);
        System.out.printf("upload: %d x %d JPEG, %.1f MB%n", width, height, jpeg.length / 1048576.0);
        for (int i = 0; i < 3; i++) { // warm-up
            ImageIO.read(new ByteArrayInputStream(jpeg));
            ImageUpload.check(jpeg);
        }
        long[] decode = new long[rounds];
        long[] check = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            ImageIO.read(new ByteArrayInputStream(jpeg));
            decode[i] = System.nanoTime() - t;
            t = System.nanoTime();
            ImageUpload.check(jpeg);
            check[i] = System.nanoTime() - t;
        }
        double d = median(decode) / 1e6;
        double c = median(check) / 1e6;
        System.out.printf("JDK decode only (baseline): median %.0f ms%n", d);
        System.out.printf("ImageUpload.check (decode + 7 renditions): median %.0f ms%n", c);
        System.out.printf("ratio check / decode: %.2f%n", c / d);
    }

    /** Something like a photograph: gradients, shapes and fine noise (noise makes JPEG work hard). */
    static BufferedImage photo(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 80, 160), w, h, new Color(230, 150, 60)));
        g.fillRect(0, 0, w, h);
        Random random = new Random(1);
        for (int i = 0; i < 3000; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillOval(random.nextInt(w), random.nextInt(h), 10 + random.nextInt(120), 10 + random.nextInt(120));
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x += 1 + random.nextInt(3)) {
                int rgb = image.getRGB(x, y);
                int n = random.nextInt(17) - 8;
                int r = clamp(((rgb >> 16) & 255) + n), gr = clamp(((rgb >> 8) & 255) + n), b = clamp((rgb & 255) + n);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
