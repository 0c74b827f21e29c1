package dateline.content;

import dateline.platform.Ids;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Creating a story and changing its fields, inside the caller's transaction: the draft is validated,
 * then normalized ({@link ArticleDraft#normalized}, which sanitizes the body) and stored whole.
 */
record StoryEdits(Writes writes, StoryStore store, TaxonomyWrites taxonomy, ArticleDraftValidator validator) {
    /** A new story, as a draft at version 1. */
    Article create(Handle h, ArticleDraft draft, String actor) {
        validator.validate(h, draft, null);
        ArticleDraft d = draft.normalized();
        String id = Ids.newId();
        String slug = d.slug() == null || d.slug().isBlank() ? taxonomy.uniqueStorySlug(h, fallbackSlug(d.headline(), id), id) : d.slug();
        store.rows().insert(h, ArticleRow.created(id, slug, d, writes.now()));
        replaceLists(h, id, d);
        return store.record(h, null, id, "create", null, actor, EventTypes.ARTICLE_CREATED);
    }

    /** Replaces a story's fields; on a published story this sets the public "Updated" time. */
    Article edit(Handle h, String id, int baseVersion, ArticleDraft draft, String actor, String action) {
        Article before = store.current(h, id, baseVersion);
        validator.validate(h, draft, id);
        ArticleDraft d = draft.normalized();
        Instant now = writes.now();
        String slug = d.slug() == null || d.slug().isBlank() ? before.slug() : d.slug();
        if (!slug.equals(before.slug())) {
            store.rows().removeRedirect(h, slug);
            if (before.wasEverPublished()) {
                store.rows().addRedirect(h, before.slug(), id);
            }
        }
        ArticleRow was = ArticleRow.of(before);
        Long updatedAt = before.isPublished() ? Long.valueOf(now.toEpochMilli()) : was.updatedAt();
        store.update(h, was.withFields(slug, d).next(before.status(), now, was.firstPublishedAt(), updatedAt, was.scheduledAt()), baseVersion);
        replaceLists(h, id, d);
        return store.record(h, before, id, action, null, actor, EventTypes.ARTICLE_UPDATED);
    }

    private void replaceLists(Handle h, String id, ArticleDraft d) {
        store.rows().replaceAuthors(h, id, d.authorIds());
        store.rows().replaceTags(h, id, taxonomy.tagIds(h, d.tagNames()));
        store.rows().replaceRelated(h, id, d.relatedIds());
    }

    private static String fallbackSlug(String headline, String id) {
        String slug = Slugs.slugify(headline);
        return slug.isEmpty() ? id : slug;
    }
}
