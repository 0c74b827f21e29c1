package dateline.content;

/** A part of the site with its own front page (World, Business …); {@code position} orders the navigation. */
public record Section(String id, String slug, String name, String description, int position) {}
