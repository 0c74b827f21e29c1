package dateline.site;

/** A page that says what went wrong (404, 410, 400 …) inside the normal site frame. */
public record ErrorPage(Chrome chrome, int status, String title, String message) {}
