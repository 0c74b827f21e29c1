package dateline.platform;

/** Thrown when someone must wait before trying again (sign-in attempts); mapped to 429. */
public class TooManyRequests extends RuntimeException {
    public TooManyRequests(String message) {
        super(message);
    }
}
