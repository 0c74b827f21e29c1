package dateline.platform;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Tells browsers to come back over TLS only ({@code Strict-Transport-Security}, a year) on every
 * response to a request that came over TLS: directly, or through a trusted proxy that says so. Over
 * plain HTTP the header would mean nothing and is not sent.
 */
public final class TransportSecurity extends Handler.Wrapper {
    static final HttpField HSTS = new PreEncodedHttpField("Strict-Transport-Security", "max-age=31536000");

    private final ClientAddress clients;

    public TransportSecurity(ClientAddress clients) {
        this.clients = clients;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (clients.secure(request)) {
            response.getHeaders().add(HSTS);
        }
        return super.handle(request, response, callback);
    }
}
