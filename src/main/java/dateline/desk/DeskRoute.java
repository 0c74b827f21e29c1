package dateline.desk;

import io.javalin.http.Handler;

/**
 * A desk route: its method and path, the least role it needs (null: anyone may call it), and its
 * handler, declared together by the class that owns the page. {@link DeskRoutes} guards them all.
 */
public record DeskRoute(String method, String path, Role minimum, Handler handler) {

    static DeskRoute get(String path, Role minimum, Handler handler) {
        return new DeskRoute("GET", path, minimum, handler);
    }

    static DeskRoute post(String path, Role minimum, Handler handler) {
        return new DeskRoute("POST", path, minimum, handler);
    }

    /** {@code METHOD /path}, as the route table shows it. */
    public String name() {
        return method + " " + path;
    }
}
