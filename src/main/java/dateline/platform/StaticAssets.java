package dateline.platform;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The site's stylesheet and scripts, read once from the classpath and served under content-hashed
 * addresses, so browsers may keep them for a year and fetch a new version the moment it changes.
 */
public final class StaticAssets {
    private final Map<String, Page> byPath = new LinkedHashMap<>();
    private final String cssPath;
    private final String prefsScriptPath;
    private final String siteScriptPath;
    private final String logoPath;
    private final byte[] defaultIcon;
    public static final int ICON_SIZE = 64;
    private final String deskEditorPath;
    public static final int LOGO_WIDTH = 600;
    public static final int LOGO_HEIGHT = 60;

    public StaticAssets() {
        cssPath = add("site", "css", "text/css; charset=utf-8", read("/static/site.css"));
        prefsScriptPath = add("prefs", "js", "text/javascript; charset=utf-8", read("/static/prefs.js"));
        siteScriptPath = add("site", "js", "text/javascript; charset=utf-8", read("/static/site.js"));
        logoPath = add("logo", "png", "image/png", logo());
        defaultIcon = icon();
        deskEditorPath = add("desk-editor", "js", "text/javascript; charset=utf-8", read("/static/desk-editor.js"));
    }

    /** The publisher logo structured data asks for (600×60): drawn, so it needs no font or file. */
    private static byte[] logo() {
        return draw(LOGO_WIDTH, LOGO_HEIGHT, 1.0, true);
    }

    /** The default site icon (64×64): the logo's mark alone. */
    private static byte[] icon() {
        return draw(ICON_SIZE, ICON_SIZE, ICON_SIZE / 60.0, false);
    }

    private static byte[] draw(int width, int height, double scale, boolean withName) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(scale, scale);
        Color brand = new Color(0xa3, 0x12, 0x2a);
        g.setColor(brand);
        g.fillRect(0, 0, 60, 60);
        g.setColor(Color.WHITE);
        g.fillRect(14, 12, 8, 36);
        g.fillArc(4, 12, 44, 36, -90, 180);
        g.setColor(brand);
        g.fillArc(14, 20, 24, 20, -90, 180);
        if (withName) {
            g.setColor(new Color(0x1a, 0x1a, 0x1a));
            for (int i = 0; i < 5; i++) {
                g.fillRect(80 + i * 104, 22, 88, 16);
            }
        }
        g.dispose();
        return Png.of(image);
    }

    /** The default site icon, a 64×64 PNG, for {@code /favicon.ico} while an admin has chosen none. */
    public byte[] defaultIcon() {
        return defaultIcon.clone();
    }

    /**
     * Serves a file from the class path (a WebJar's, say) under a content-hashed address, with its
     * gzip variant; returns the address.
     */
    public String addResource(String name, String extension, String contentType, String resource) {
        return add(name, extension, contentType, read(resource));
    }

    private String add(String name, String extension, String contentType, byte[] bytes) {
        String etag = Page.etag(bytes);
        Page page = new Page(bytes, contentType.startsWith("image/") ? null : Page.gzip(bytes), etag, Set.of("static"), contentType, Page.IMMUTABLE, null);
        String path = "/static/" + name + "." + etag.substring(1, etag.length() - 1) + "." + extension;
        byPath.put(path, page);
        return path;
    }

    public String cssPath() {
        return cssPath;
    }

    /** A tiny script loaded in the head: applies the reader's saved preferences before first paint. */
    public String prefsScriptPath() {
        return prefsScriptPath;
    }

    /** The deferred script that makes the controls work. */
    public String siteScriptPath() {
        return siteScriptPath;
    }

    /** The desk's editor module (it imports ProseMirror through the desk pages' import map). */
    public String deskEditorPath() {
        return deskEditorPath;
    }

    public String logoPath() {
        return logoPath;
    }

    /** Every asset by its address, for the route that serves them. */
    public Map<String, Page> all() {
        return byPath;
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
