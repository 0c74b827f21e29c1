package dateline.trending;

import dateline.platform.ClientAddress;
import io.javalin.config.RoutesConfig;
import java.util.Base64;

/**
 * The view beacon for readers without JavaScript: {@code GET /v/{id}.gif}, a 1×1 image in a
 * {@code <noscript>}. (The usual beacon, {@code POST /v/{id}}, is taken by {@link BeaconHandler}.)
 */
public final class BeaconRoutes {
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final ViewCounter counter;
    private final ClientAddress clients;

    public BeaconRoutes(ViewCounter counter, ClientAddress clients) {
        this.counter = counter;
        this.clients = clients;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/v/{file}", ctx -> {
            String file = ctx.pathParam("file");
            String purpose = ctx.header("Sec-Purpose");
            if (file.endsWith(".gif") && (purpose == null || !purpose.contains("prefetch"))) {
                String address = clients.of(ctx);
                counter.record(file.substring(0, file.length() - 4), address, ctx.header("User-Agent"));
            }
            ctx.header("Cache-Control", "no-store").contentType("image/gif").result(PIXEL);
        });
    }
}
