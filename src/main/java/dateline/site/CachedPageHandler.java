package dateline.site;

import dateline.platform.Page;
import dateline.platform.ResponseMetrics;
import dateline.platform.WebServer;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Answers GET requests for cached pages straight from the {@link PageCache}, in front of Javalin's
 * servlet: a hit is a map lookup and a write of bytes already made. A miss goes on to the routes,
 * which render the page and cache it under the same key ({@link SiteRoutes#cacheKey}).
 */
public final class CachedPageHandler extends Handler.Wrapper {
    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
    private static final HttpField[] SECURITY = WebServer.SECURITY_HEADERS.entrySet().stream()
            .map(e -> new PreEncodedHttpField(e.getKey(), e.getValue())).toArray(HttpField[]::new);

    private final PageCache cache;
    private final ResponseMetrics metrics;

    public CachedPageHandler(PageCache cache, ResponseMetrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"GET".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        HttpURI uri = request.getHttpURI();
        String key = SiteRoutes.cacheKey(uri.getPath(), uri.getQuery());
        Page page = key == null ? null : cache.peek(key);
        if (page == null) {
            return super.handle(request, response, callback);
        }
        HttpFields headers = request.getHeaders();
        Responses.Answer answer = Responses.answer(page, headers.get(HttpHeader.IF_NONE_MATCH), headers.get(HttpHeader.IF_MODIFIED_SINCE),
                headers.get(HttpHeader.ACCEPT_ENCODING));
        HttpFields.Mutable out = response.getHeaders();
        for (HttpField field : SECURITY) {
            out.add(field);
        }
        out.put(HttpHeader.CACHE_CONTROL, page.cacheControl());
        out.add(VARY);
        out.put(HttpHeader.ETAG, answer.etag());
        if (!page.keys().isEmpty()) {
            out.put("Surrogate-Key", page.surrogateKey());
        }
        if (page.lastModified() != null) {
            out.put(HttpHeader.LAST_MODIFIED, Responses.httpDate(page.lastModified()));
        }
        response.setStatus(answer.status());
        metrics.record(answer.status());
        if (answer.body() == null) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return true;
        }
        out.put(HttpHeader.CONTENT_TYPE, page.contentType());
        if (answer.contentEncoding() != null) {
            out.add(GZIP);
        }
        out.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }
}
