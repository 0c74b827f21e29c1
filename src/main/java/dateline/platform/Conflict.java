package dateline.platform;

/** Thrown when a write was based on a version that is no longer current; mapped to 409. */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
