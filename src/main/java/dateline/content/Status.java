package dateline.content;

import java.util.Locale;

/** Where a story is in its life: the desk's workflow states. Stored lower-case. */
public enum Status {
    DRAFT, REVIEW, SCHEDULED, PUBLISHED, UNPUBLISHED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
