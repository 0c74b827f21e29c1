package dateline.content;

/** A person who writes for the site; has a public page at /author/{slug}. */
public record Author(String id, String slug, String name, String jobTitle, String bio) {}
