package dateline.content;

/** A topic label; tags are created on first use by name. */
public record Tag(String id, String slug, String name) {}
