package dateline.content;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A story with everything a page shows of it, as read from the database.
 *
 * @param updatedAt the public "Updated" time: set only by a change made after first publication
 * @param modifiedAt the last change of any kind, including unpublished drafts
 * @param relatedIds the desk's own "Read more" picks, in order (they may since have been unpublished)
 */
public record Article(
        String id,
        String slug,
        String headline,
        String standfirst,
        String bodyHtml,
        String datelinePlace,
        Section section,
        List<Author> authors,
        List<Tag> tags,
        Image leadImage,
        String language,
        String source,
        Status status,
        int version,
        Instant createdAt,
        Instant modifiedAt,
        Instant firstPublishedAt,
        Instant updatedAt,
        Instant scheduledAt,
        List<Correction> corrections,
        List<String> relatedIds) {

    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }

    /** True once the story was ever public: its URL and lists it appeared on must then be kept right. */
    public boolean wasEverPublished() {
        return firstPublishedAt != null;
    }

    /** Copy from a news agency (or another outside source), credited to it wherever the story goes. */
    public boolean isAgencyCopy() {
        return !source.equalsIgnoreCase("staff");
    }

    public boolean isRightToLeft() {
        String primary = language.split("-")[0];
        return switch (primary) {
            case "ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb" -> true;
            default -> false;
        };
    }

    /** The surrogate keys of this story and of every list it appears on. */
    public List<String> surrogateKeys() {
        List<String> keys = new ArrayList<>();
        keys.add(SurrogateKeys.article(id));
        keys.add(SurrogateKeys.section(section.id()));
        authors.forEach(a -> keys.add(SurrogateKeys.author(a.id())));
        tags.forEach(t -> keys.add(SurrogateKeys.tag(t.id())));
        return keys;
    }
}
