package dateline.site;

import dateline.platform.Page;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How a {@link Page} answers a request: 304 when the client's ETag (or, lacking one, its
 * If-Modified-Since) says it has this version, the gzip variant to clients that accept it, identity
 * bytes otherwise. Used by the routes and by the {@link CachedPageHandler} in front of them, so both
 * answer alike, with the page's surrogate keys (space-separated, as Fastly and Varnish expect).
 */
final class Responses {
    /** Browsers revalidate every time (cheap: 304); a CDN may keep a page five minutes, or serve it stale while it refetches. */
    static final String PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400";
    static final String IMMUTABLE = Page.IMMUTABLE;

    /** What to send: a status, the ETag, and the body (null for 304) with its encoding (null for identity). */
    record Answer(int status, String etag, byte[] body, String contentEncoding) {}

    private Responses() {}

    static Answer answer(Page page, String ifNoneMatch, String ifModifiedSince, String acceptEncoding) {
        boolean gzip = page.gzipped() != null && acceptEncoding != null && acceptEncoding.contains("gzip");
        String etag = gzip ? page.gzipEtag() : page.etag();
        if (ifNoneMatch != null) {
            if (ifNoneMatch.contains(page.etag()) || ifNoneMatch.contains(page.gzipEtag()) || ifNoneMatch.equals("*")) {
                return new Answer(304, etag, null, null);
            }
        } else if (ifModifiedSince != null && page.lastModified() != null && notModifiedSince(page.lastModified(), ifModifiedSince)) {
            return new Answer(304, etag, null, null);
        }
        return gzip ? new Answer(200, etag, page.gzipped(), "gzip") : new Answer(200, etag, page.body(), null);
    }

    private static boolean notModifiedSince(Instant lastModified, String header) {
        try {
            return !lastModified.isAfter(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(header)));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    static void send(Context ctx, Page page) {
        Answer answer = answer(page, ctx.header("If-None-Match"), ctx.header("If-Modified-Since"), ctx.header("Accept-Encoding"));
        ctx.header("Cache-Control", page.cacheControl());
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("ETag", answer.etag());
        if (!page.keys().isEmpty()) {
            ctx.header("Surrogate-Key", page.surrogateKey());
        }
        if (page.lastModified() != null) {
            ctx.header("Last-Modified", httpDate(page.lastModified()));
        }
        ctx.status(answer.status());
        if (answer.body() == null) {
            return;
        }
        ctx.contentType(page.contentType());
        if (answer.contentEncoding() != null) {
            ctx.header("Content-Encoding", answer.contentEncoding());
        }
        ctx.result(answer.body());
    }
}
