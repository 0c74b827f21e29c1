package dateline.trending;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Base64;

/**
 * Where article pages report a view: {@code POST /v/{id}} (sent by {@code navigator.sendBeacon}),
 * or {@code GET /v/{id}.gif} from a 1×1 image when JavaScript is off. Both answer at once; the
 * count is kept in memory until the next flush.
 */
public final class BeaconRoutes {
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final ViewCounter counter;

    public BeaconRoutes(ViewCounter counter) {
        this.counter = counter;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/v/{id}", ctx -> {
            record(ctx, ctx.pathParam("id"));
            ctx.status(204);
        });
        routes.get("/v/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (file.endsWith(".gif")) {
                record(ctx, file.substring(0, file.length() - 4));
            }
            ctx.header("Cache-Control", "no-store").contentType("image/gif").result(PIXEL);
        });
    }

    private void record(Context ctx, String articleId) {
        // Prefetches and prerenders are not views.
        String purpose = ctx.header("Sec-Purpose");
        if (purpose != null && purpose.contains("prefetch")) {
            return;
        }
        counter.record(articleId, ctx.ip(), ctx.header("User-Agent"));
    }
}
