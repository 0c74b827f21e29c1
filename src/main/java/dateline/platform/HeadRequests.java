package dateline.platform;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code HEAD} exactly as {@code GET} without the body (RFC 9110 §9.3.2), on every route:
 * the handlers behind it see a GET, and Jetty, which knows the request was a HEAD, sends the status
 * and headers (Content-Type, Content-Length, ETag, Cache-Control …) and no content.
 *
 * <p>It sits first, in front of the cached-page and beacon handlers, so cached pages answer HEAD too.
 */
public final class HeadRequests extends Handler.Wrapper {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.HEAD.is(request.getMethod())) {
            return super.handle(new Request.Wrapper(request) {
                @Override
                public String getMethod() {
                    return HttpMethod.GET.asString();
                }
            }, response, callback);
        }
        return super.handle(request, response, callback);
    }
}
