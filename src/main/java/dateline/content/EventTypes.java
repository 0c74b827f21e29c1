package dateline.content;

import dateline.platform.Event;
import java.util.Collection;

/** The types of the events the content service appends to the log, one constant each. */
public final class EventTypes {
    public static final String ARTICLE_CREATED = "article.created";
    public static final String PAGE_CHANGED = "page.changed";
    public static final String ARTICLE_UPDATED = "article.updated";
    public static final String ARTICLE_SUBMITTED = "article.submitted";
    public static final String ARTICLE_WITHDRAWN = "article.withdrawn";
    public static final String ARTICLE_RETURNED = "article.returned";
    public static final String ARTICLE_PUBLISHED = "article.published";
    public static final String ARTICLE_UNPUBLISHED = "article.unpublished";
    public static final String ARTICLE_SCHEDULED = "article.scheduled";
    public static final String ARTICLE_CORRECTED = "article.corrected";
    /** A story's lead image got new words; the story itself did not change version. */
    public static final String ARTICLE_IMAGE_DESCRIBED = "article.image_described";
    public static final String SECTION_CREATED = "section.created";
    public static final String AUTHOR_CREATED = "author.created";
    public static final String IMAGE_ADDED = "image.added";
    public static final String IMAGE_DESCRIBED = "image.described";
    public static final String FRONT_UPDATED = "front.updated";
    public static final String BREAKING_SET = "breaking.set";
    public static final String BREAKING_CLEARED = "breaking.cleared";
    public static final String SETTINGS_UPDATED = "settings.updated";
    public static final String SITE_IMPORTED = "site.imported";

    private static final String STORY_PREFIX = "article.";

    private EventTypes() {}

    /** Whether the event is about one story (its subject is the story's id). */
    public static boolean isStory(Event event) {
        return event.type().startsWith(STORY_PREFIX);
    }

    public static boolean anyStory(Collection<Event> batch) {
        return batch.stream().anyMatch(EventTypes::isStory);
    }
}
