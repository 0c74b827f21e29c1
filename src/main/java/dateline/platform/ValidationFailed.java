package dateline.platform;

/** Thrown when input breaks one or more rules; carries all of them. Mapped to 422. */
public class ValidationFailed extends RuntimeException {
    private final ValidationErrors errors;

    public ValidationFailed(ValidationErrors errors) {
        super(errors.toString());
        this.errors = errors;
    }

    public ValidationErrors errors() {
        return errors;
    }
}
