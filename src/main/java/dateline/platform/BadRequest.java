package dateline.platform;

/** Thrown when a request's parameters are malformed (not a validation of a form); mapped to 400. */
public class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message);
    }
}
