package dateline.site;

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
    private final Map<String, PageCache.Page> byPath = new LinkedHashMap<>();
    private final String cssPath;
    private final String prefsScriptPath;
    private final String siteScriptPath;

    public StaticAssets() {
        cssPath = add("site", "css", "text/css; charset=utf-8");
        prefsScriptPath = add("prefs", "js", "text/javascript; charset=utf-8");
        siteScriptPath = add("site", "js", "text/javascript; charset=utf-8");
    }

    private String add(String name, String extension, String contentType) {
        byte[] bytes = read("/static/" + name + "." + extension);
        String etag = PageCache.etag(bytes);
        PageCache.Page page = new PageCache.Page(bytes, PageCache.gzip(bytes), etag, Set.of(), contentType, Responses.IMMUTABLE);
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

    Map<String, PageCache.Page> all() {
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
