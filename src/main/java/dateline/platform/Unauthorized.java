package dateline.platform;

/** Thrown when a request lacks valid credentials (an API key); mapped to 401. */
public class Unauthorized extends RuntimeException {
    public Unauthorized(String message) {
        super(message);
    }
}
