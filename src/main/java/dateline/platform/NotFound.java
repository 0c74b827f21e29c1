package dateline.platform;

/** Thrown when what a request names does not exist; mapped to 404 in {@link WebServer}. */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
