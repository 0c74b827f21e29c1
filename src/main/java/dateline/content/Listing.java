package dateline.content;

/**
 * Which published stories a list shows: all of them, or one section's, tag's or author's. Made only
 * by its factories; the SQL it stands for stays inside the repository.
 */
public final class Listing {
    public static final Listing ALL = new Listing("", null);

    private final String condition;
    private final String value;

    private Listing(String condition, String value) {
        this.condition = condition;
        this.value = value;
    }

    public static Listing section(String sectionId) {
        return new Listing(" AND a.section_id = :value", sectionId);
    }

    public static Listing tag(String tagId) {
        return new Listing(" AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = :value)", tagId);
    }

    public static Listing author(String authorId) {
        return new Listing(" AND a.id IN (SELECT article_id FROM article_authors WHERE author_id = :value)", authorId);
    }

    /** The condition added to a {@code WHERE} over {@code articles a}, binding {@code :value}. */
    String condition() {
        return condition;
    }

    /** The value bound to {@code :value}, or null for {@link #ALL}. */
    String value() {
        return value;
    }
}
