package dateline.ingest;

import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImageUpload;
import dateline.platform.ValidationFailed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jsoup.Jsoup;

/**
 * The images of an import (WordPress attachments, Ghost feature and inline images): each is taken
 * from the media folder given (a copy of the old site's uploads) by its path there, else from its
 * address when that answers, else listed in the report as missing. Each is imported once, under an
 * origin that names it on the old site, so importing again finds it instead of storing a copy.
 */
final class ImportMedia {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** An image of the old site: its name in the report, where it was, and what it shows. */
    record Source(String label, String origin, String file, String url, String alt, String caption) {}

    private final ContentService content;
    private final ImportReport report;
    private final Path folder;
    private final boolean dryRun;
    private final String originPrefix;
    private final Map<String, Optional<Image>> done = new HashMap<>();
    private final Set<String> unreachableHosts = new HashSet<>();
    private Set<String> importedBefore;

    /** @param originPrefix what the origins of this site's images start with (read once, to know which were imported before) */
    ImportMedia(ContentService content, ImportReport report, Path folder, boolean dryRun, String originPrefix) {
        this.content = content;
        this.report = report;
        this.folder = folder == null ? null : folder.normalize();
        this.dryRun = dryRun;
        this.originPrefix = originPrefix;
    }

    private static final java.util.regex.Pattern IMAGE = java.util.regex.Pattern.compile("(?i).*\\.(jpe?g|png|gif|webp)([?#].*)?");

    /** Whether a file name or address looks like an image Dateline takes (JPEG, PNG, GIF, WebP). */
    static boolean isImage(String fileOrUrl) {
        return IMAGE.matcher(fileOrUrl).matches();
    }

    /**
     * The Dateline image of {@code source}, importing it the first time, or empty when it cannot be
     * had (then listed in the report once); counted under "images".
     */
    Optional<Image> image(Source source) {
        Optional<Image> known = done.get(source.origin());
        if (known != null) {
            return known;
        }
        Optional<Image> result = Optional.empty();
        if (!isImage(source.url()) && !isImage(source.file())) {
            report.count("images", "skipped");
        } else if (dryRun) {
            report.count("images", "read");
        } else {
            if (importedBefore == null) {
                importedBefore = content.importedImageOrigins(originPrefix);
            }
            result = importedBefore.contains(source.origin()) ? content.importedImage(source.origin()) : Optional.empty();
            if (result.isPresent()) {
                report.count("images", "unchanged");
            } else {
                result = store(source);
            }
        }
        done.put(source.origin(), result);
        return result;
    }

    private Optional<Image> store(Source source) {
        byte[] bytes = bytes(source);
        if (bytes == null) {
            report.count("images", "missing");
            report.line(source.label() + ": missing: not in the media folder and not reachable");
            return Optional.empty();
        }
        try {
            Image image = content.importImage(source.origin(), ImageUpload.check(bytes), WireText.cut(source.alt(), 500),
                    WireText.cut(source.caption(), 1000), "");
            report.count("images", "imported");
            return Optional.of(image);
        } catch (ValidationFailed e) {
            report.count("images", "failed");
            report.line(source.label() + ": failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The file's bytes: from the media folder by its path there, else from its address (a host that failed once is not asked again). */
    private byte[] bytes(Source source) {
        if (folder != null && !source.file().isBlank()) {
            Path candidate = folder.resolve(source.file().replaceFirst("^/+", "")).normalize();
            if (candidate.startsWith(folder) && Files.isRegularFile(candidate)) {
                try {
                    return Files.size(candidate) > ImageUpload.MAX_BYTES ? null : Files.readAllBytes(candidate);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        if (!source.url().startsWith("http://") && !source.url().startsWith("https://")) {
            return null;
        }
        try {
            URI uri = URI.create(source.url().replace(" ", "%20"));
            if (uri.getHost() == null || unreachableHosts.contains(uri.getHost())) {
                return null;
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        return null;
                    }
                    byte[] bytes = body.readNBytes(ImageUpload.MAX_BYTES + 1);
                    return bytes.length > ImageUpload.MAX_BYTES ? null : bytes;
                }
            } catch (IOException e) {
                unreachableHosts.add(uri.getHost());
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Inline images of a body whose image {@code find} (given the src and alt) imports point at Dateline's copy, with its width
     * and height (the old site's responsive variants dropped); others are left as they were.
     */
    String inline(String html, BiFunction<String, String, Optional<Image>> find) {
        if (dryRun || !html.contains("<img")) {
            return html;
        }
        var body = Jsoup.parseBodyFragment(html).body();
        boolean changed = false;
        for (var img : body.select("img[src]")) {
            Optional<Image> image = find.apply(img.attr("src"), img.attr("alt"));
            if (image.isPresent()) {
                img.attr("src", image.get().path()).attr("width", String.valueOf(image.get().width())).attr("height", String.valueOf(image.get().height()));
                img.removeAttr("srcset").removeAttr("sizes");
                changed = true;
            }
        }
        return changed ? body.html() : html;
    }
}
