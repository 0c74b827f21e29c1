package dateline.site;

import io.javalin.http.Context;

/**
 * How a {@link PageCache.Page} answers a request: 304 when the client's ETag matches, the gzip
 * variant to clients that accept it, identity bytes otherwise. Used by the routes and by the
 * {@link CachedPageHandler} in front of them, so both answer alike.
 */
final class Responses {
    static final String PAGE_CACHE_CONTROL = "public, no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** What to send: a status, the ETag, and the body (null for 304) with its encoding (null for identity). */
    record Answer(int status, String etag, byte[] body, String contentEncoding) {}

    private Responses() {}

    static Answer answer(PageCache.Page page, String ifNoneMatch, String acceptEncoding) {
        boolean gzip = page.gzipped() != null && acceptEncoding != null && acceptEncoding.contains("gzip");
        String etag = gzip ? page.gzipEtag() : page.etag();
        if (ifNoneMatch != null && (ifNoneMatch.contains(page.etag()) || ifNoneMatch.contains(page.gzipEtag()) || ifNoneMatch.equals("*"))) {
            return new Answer(304, etag, null, null);
        }
        return gzip ? new Answer(200, etag, page.gzipped(), "gzip") : new Answer(200, etag, page.body(), null);
    }

    static void send(Context ctx, PageCache.Page page) {
        Answer answer = answer(page, ctx.header("If-None-Match"), ctx.header("Accept-Encoding"));
        ctx.header("Cache-Control", page.cacheControl());
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("ETag", answer.etag());
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
