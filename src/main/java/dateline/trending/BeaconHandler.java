package dateline.trending;

import dateline.platform.ClientAddress;
import dateline.platform.ResponseMetrics;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Answers view beacons ({@code POST /v/{id}}, sent by {@code navigator.sendBeacon}) in front of the
 * router: every article view sends one, so they are taken with as little work as possible. The
 * count is kept in memory until the next flush; the answer is always 204.
 */
public final class BeaconHandler extends Handler.Wrapper {
    static final String PREFIX = "/v/";
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

    private final ViewCounter counter;
    private final ResponseMetrics metrics;
    private final ClientAddress clients;

    /** @param clients who the reader is behind trusted proxies (the per-address limit counts readers, not proxies) */
    public BeaconHandler(ViewCounter counter, ResponseMetrics metrics, ClientAddress clients) {
        this.counter = counter;
        this.metrics = metrics;
        this.clients = clients;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!"POST".equals(request.getMethod()) || !path.startsWith(PREFIX) || path.indexOf('/', PREFIX.length()) >= 0) {
            return super.handle(request, response, callback);
        }
        String purpose = request.getHeaders().get("Sec-Purpose");
        if (purpose == null || !purpose.contains("prefetch")) { // prefetches and prerenders are not views
            String address = clients.of(request);
            counter.record(path.substring(PREFIX.length()), address, request.getHeaders().get(HttpHeader.USER_AGENT));
        }
        response.setStatus(204);
        response.getHeaders().add(NO_STORE);
        metrics.record(204);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        return true;
    }
}
