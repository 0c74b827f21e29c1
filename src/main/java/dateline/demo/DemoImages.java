package dateline.demo;

import dateline.content.Jpeg;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Paints the demo site's lead images: abstract landscapes, the same for the same seed. */
final class DemoImages {
    static final int WIDTH = 1200;
    static final int HEIGHT = 675;

    private DemoImages() {}

    static byte[] landscape(long seed) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L); // spread nearby seeds: java.util.Random correlates them
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float hue = random.nextFloat();
        Color skyTop = Color.getHSBColor(hue, 0.45f, 0.55f);
        Color skyBottom = Color.getHSBColor((hue + 0.08f) % 1, 0.35f, 0.95f);
        g.setPaint(new GradientPaint(0, 0, skyTop, 0, HEIGHT * 0.7f, skyBottom));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.getHSBColor((hue + 0.5f) % 1, 0.5f, 1f));
        double sun = 90 + random.nextInt(90);
        g.fill(new Ellipse2D.Double(150 + random.nextInt(900), 80 + random.nextInt(150), sun, sun));
        for (int layer = 0; layer < 4; layer++) {
            float brightness = 0.65f - layer * 0.14f;
            g.setColor(Color.getHSBColor((hue + 0.25f + layer * 0.03f) % 1, 0.4f + layer * 0.1f, brightness));
            Path2D ridge = new Path2D.Double();
            double base = HEIGHT * (0.45 + layer * 0.13);
            ridge.moveTo(0, HEIGHT);
            ridge.lineTo(0, base);
            for (int x = 0; x <= WIDTH; x += 60) {
                ridge.lineTo(x, base - random.nextDouble() * (110 - layer * 20));
            }
            ridge.lineTo(WIDTH, HEIGHT);
            ridge.closePath();
            g.fill(ridge);
        }
        g.setStroke(new BasicStroke(3f));
        g.setColor(new Color(255, 255, 255, 70));
        for (int i = 0; i < 5; i++) {
            int y = 40 + random.nextInt(200);
            int x = random.nextInt(WIDTH);
            g.drawLine(x, y, x + 80 + random.nextInt(120), y);
        }
        g.dispose();
        return Jpeg.encode(image, 0.82f);
    }
}
