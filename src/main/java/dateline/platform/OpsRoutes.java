package dateline.platform;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Operator endpoints: {@code /healthz} for load balancers and {@code /metrics} for Prometheus. */
public final class OpsRoutes {
    private final Database db;
    private final PrometheusMeterRegistry metrics;

    public OpsRoutes(Database db, PrometheusMeterRegistry metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/healthz", ctx -> {
            boolean up = db.isReachable();
            ctx.header("Cache-Control", "no-store");
            ctx.status(up ? 200 : 503).contentType("text/plain; charset=utf-8").result(up ? "ok\n" : "database unreachable\n");
        });
        routes.get("/metrics", ctx -> ctx.header("Cache-Control", "no-store")
                .contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }
}
