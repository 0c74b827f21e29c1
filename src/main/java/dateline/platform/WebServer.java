package dateline.platform;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.component.LifeCycle;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the HTTP server: Javalin on virtual threads, security headers on every response, and
 * the one place where typed errors become HTTP statuses.
 *
 * <p>Javalin's on-the-fly compression is off: cached pages carry their own gzip variant.
 */
public final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Sent on every response, including the ones a front handler serves without Javalin. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "strict-origin-when-cross-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            "Cross-Origin-Opener-Policy", "same-origin");

    /** The largest file a request may carry. */
    public static final long MAX_UPLOAD_BYTES = 24L * 1024 * 1024;

    /** Turns an error into a response body (an HTML page for the site, JSON for an API). */
    public interface ErrorRenderer {
        void render(Context ctx, int status, String message);

        /** This renderer for paths under {@code prefix}, {@code otherwise} for the rest. */
        default ErrorRenderer under(String prefix, ErrorRenderer otherwise) {
            return (ctx, status, message) -> (ctx.path().startsWith(prefix) ? this : otherwise).render(ctx, status, message);
        }
    }

    private WebServer() {}

    /**
     * The literal first path segments of every route the app answers ({@code desk} for
     * {@code /desk/stories}, but nothing for {@code /{section}}), so that no content takes one as its address.
     */
    public static Set<String> fixedFirstSegments(Javalin app) {
        Set<String> segments = new TreeSet<>();
        for (var entry : app.unsafe.internalRouter.allHttpHandlers()) {
            String path = entry.endpoint.path;
            String first = path.startsWith("/") ? path.substring(1).split("/", 2)[0] : "";
            if (!first.isEmpty() && !first.startsWith("{") && !first.startsWith("<") && !first.contains("*")) {
                segments.add(first);
            }
        }
        return segments;
    }

    /**
     * @param fronts Jetty handlers placed in front of Javalin's servlet, first one first (for example one
     *               that answers from a cache); each passes what it does not answer to the next
     */
    public static Javalin create(ResponseMetrics metrics, ErrorRenderer errors, List<Handler.Singleton> fronts, Consumer<RoutesConfig> routes) {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Uploads: a little over the image limit, so that a file just too large gets a clear message from the
            // image check rather than a refused request.
            config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES + 4 * 1024 * 1024, io.javalin.config.SizeUnit.BYTES);
            config.jetty.modifyServletContextHandler(context -> context.setMaxFormContentSize(8 * 1024 * 1024)); // long stories in a plain form post
            // The front handlers go straight under the Server, ahead of the servlet context: a cache hit then
            // skips the context's scope and request wrapping (about a sixth more cached pages per second).
            // Javalin sets the Server's handler just before starting it, so they are inserted as it starts.
            config.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (int i = fronts.size() - 1; i >= 0; i--) { // each insert goes in front of the previous one
                        server.insertHandler(fronts.get(i));
                    }
                }
            }));
            config.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
            config.routes.after(ctx -> metrics.record(ctx.statusCode()));
            config.routes.exception(NotFound.class, (e, ctx) -> errors.render(ctx, 404, e.getMessage()));
            config.routes.exception(BadRequest.class, (e, ctx) -> errors.render(ctx, 400, e.getMessage()));
            config.routes.exception(Unauthorized.class, (e, ctx) -> errors.render(ctx, 401, e.getMessage()));
            config.routes.exception(Forbidden.class, (e, ctx) -> errors.render(ctx, 403, e.getMessage()));
            config.routes.exception(TooManyRequests.class, (e, ctx) -> errors.render(ctx, 429, e.getMessage()));
            config.routes.exception(Conflict.class, (e, ctx) -> errors.render(ctx, 409, e.getMessage()));
            config.routes.exception(ValidationFailed.class, (e, ctx) -> errors.render(ctx, 422, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("request failed method={} path={}", ctx.method(), ctx.path(), e);
                errors.render(ctx, 500, "Something went wrong on our side. Please try again.");
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    errors.render(ctx, 404, "There is no page at this address.");
                }
            });
            routes.accept(config.routes);
        });
    }
}
