package dateline.site;

import io.javalin.http.Context;

/**
 * Sends a {@link PageCache.Page}: 304 when the client's ETag matches, the gzip variant to clients
 * that accept it, identity bytes otherwise.
 */
final class Responses {
    static final String PAGE_CACHE_CONTROL = "public, no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private Responses() {}

    static void send(Context ctx, PageCache.Page page, String cacheControl) {
        String gzipTag = page.etag().substring(0, page.etag().length() - 1) + "-gz\"";
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Vary", "Accept-Encoding");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(page.etag()) || ifNoneMatch.contains(gzipTag) || ifNoneMatch.equals("*"))) {
            ctx.header("ETag", acceptsGzip(ctx) && page.gzipped() != null ? gzipTag : page.etag());
            ctx.status(304);
            return;
        }
        ctx.contentType(page.contentType());
        if (page.gzipped() != null && acceptsGzip(ctx)) {
            ctx.header("ETag", gzipTag);
            ctx.header("Content-Encoding", "gzip");
            ctx.result(page.gzipped());
        } else {
            ctx.header("ETag", page.etag());
            ctx.result(page.body());
        }
    }

    private static boolean acceptsGzip(Context ctx) {
        String accept = ctx.header("Accept-Encoding");
        return accept != null && accept.contains("gzip");
    }
}
