package dateline.platform;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Operator endpoints: {@code /healthz} for load balancers and {@code /metrics} for Prometheus. The
 * metrics are not public: they answer only to {@code Authorization: Bearer} with the configured token,
 * and are not found at all while no token is set.
 */
public final class OpsRoutes {
    private final Database db;
    private final PrometheusMeterRegistry metrics;
    private final byte[] metricsToken;

    private final Readiness readiness;

    /**
     * @param metricsToken the bearer token Prometheus sends; empty turns {@code /metrics} off
     * @param readiness whether this node's derived views have caught up with the log since it started
     */
    public OpsRoutes(Database db, PrometheusMeterRegistry metrics, String metricsToken, Readiness readiness) {
        this.db = db;
        this.readiness = readiness;
        this.metrics = metrics;
        this.metricsToken = metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/healthz", ctx -> {
            boolean up = db.isReachable();
            boolean ready = up && readiness.ready();
            ctx.header("Cache-Control", "no-store");
            ctx.status(ready ? 200 : 503).contentType("text/plain; charset=utf-8")
                    .result(ready ? "ok\n" : !up ? "database unreachable\n" : "catching up: " + readiness.progress() + "\n");
        });
        routes.get("/metrics", ctx -> {
            if (metricsToken.length == 0) {
                throw new NotFound("There is no page at this address.");
            }
            String given = Optional.ofNullable(ctx.header("Authorization")).orElse("");
            if (!given.startsWith("Bearer ")
                    || !MessageDigest.isEqual(given.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8), metricsToken)) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
                throw new Unauthorized("Send the metrics token as Authorization: Bearer.");
            }
            ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
        });
    }
}
