package dateline.platform;

/** Thrown when the signed-in user may not do what they asked, or a form's CSRF token is wrong; mapped to 403. */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
