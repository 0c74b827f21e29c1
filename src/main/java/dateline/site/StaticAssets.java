package dateline.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The site's stylesheet, read once from the classpath and served under a content-hashed address,
 * so browsers may keep it for a year and a new version is fetched the moment it changes.
 */
public final class StaticAssets {
    private final PageCache.Page css;
    private final String cssPath;

    public StaticAssets() {
        byte[] bytes = read("/static/site.css");
        this.css = new PageCache.Page(bytes, PageCache.gzip(bytes), PageCache.etag(bytes), Set.of(), "text/css; charset=utf-8",
                Responses.IMMUTABLE);
        this.cssPath = "/static/site." + css.etag().substring(1, css.etag().length() - 1) + ".css";
    }

    public String cssPath() {
        return cssPath;
    }

    PageCache.Page css() {
        return css;
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
