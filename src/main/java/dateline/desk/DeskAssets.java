package dateline.desk;

import dateline.platform.WebServer;
import dateline.platform.StaticAssets;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The desk's editor comes from ProseMirror's WebJars as ES modules, served like the site's own
 * assets (content-hashed addresses, gzip, cached for a year). Browsers find them through an import
 * map in the page; the map is inline, so the desk's Content-Security-Policy names its hash. Versions
 * are read from the WebJars themselves, so upgrading one is a change to the POM only.
 */
public final class DeskAssets {
    /** Module name → file inside the WebJar. */
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("prosemirror-model", "dist/index.js"), Map.entry("prosemirror-state", "dist/index.js"),
            Map.entry("prosemirror-view", "dist/index.js"), Map.entry("prosemirror-transform", "dist/index.js"),
            Map.entry("prosemirror-keymap", "dist/index.js"), Map.entry("prosemirror-history", "dist/index.js"),
            Map.entry("prosemirror-commands", "dist/index.js"), Map.entry("prosemirror-schema-list", "dist/index.js"),
            Map.entry("prosemirror-inputrules", "dist/index.js"), Map.entry("prosemirror-dropcursor", "dist/index.js"),
            Map.entry("prosemirror-gapcursor", "dist/index.js"), Map.entry("orderedmap", "dist/index.js"),
            Map.entry("rope-sequence", "dist/index.js"), Map.entry("w3c-keyname", "index.js"));

    private final String cssPath;
    private final String editorScriptPath;
    private final String importMap;
    private final String editorCssPath;
    private final String wireScriptPath;
    private final String homeScriptPath;
    private final String contentSecurityPolicy;

    /** Registers the WebJars' files with the site's static assets, which serve them under content-hashed addresses. */
    public DeskAssets(StaticAssets assets) {
        this.cssPath = assets.cssPath();
        this.editorScriptPath = assets.deskEditorPath();
        Map<String, String> imports = new LinkedHashMap<>();
        MODULES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> imports.put(e.getKey(), assets.addResource(e.getKey(), "js", "text/javascript; charset=utf-8", webJarFile(e.getKey(), e.getValue()))));
        try {
            importMap = new ObjectMapper().writeValueAsString(Map.of("imports", imports));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        wireScriptPath = assets.addResource("desk-wire", "js", "text/javascript; charset=utf-8", "/static/desk-wire.js");
        homeScriptPath = assets.addResource("desk-home", "js", "text/javascript; charset=utf-8", "/static/desk-home.js");
        editorCssPath = assets.addResource("prosemirror", "css", "text/css; charset=utf-8", webJarFile("prosemirror-view", "style/prosemirror.css"));
        contentSecurityPolicy = WebServer.SECURITY_HEADERS.get("Content-Security-Policy")
                .replace("script-src 'self'", "script-src 'self' '" + sha256(importMap) + "'");
    }

    /** The wire queue's script: new arrivals without reloading, and keys to move through the list. */
    public String wireScriptPath() {
        return wireScriptPath;
    }

    /** The desk home's script: the "Now" list refreshed without reloading. */
    public String homeScriptPath() {
        return homeScriptPath;
    }

    private static String webJarFile(String webJar, String file) {
        return "/META-INF/resources/webjars/" + webJar + "/" + version(webJar) + "/" + file;
    }

    static String version(String webJar) {
        String resource = "/META-INF/maven/org.webjars.npm/" + webJar + "/pom.properties";
        try (InputStream in = DeskAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The WebJar " + webJar + " is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String cssPath() {
        return cssPath;
    }

    public String editorScriptPath() {
        return editorScriptPath;
    }

    public String editorCssPath() {
        return editorCssPath;
    }

    /** The import map's JSON, printed as-is inside {@code <script type="importmap">}. */
    public String importMap() {
        return importMap;
    }

    /** The site's policy with the import map's hash allowed as a script. */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }
}
