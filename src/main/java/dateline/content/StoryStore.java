package dateline.content;

import dateline.platform.Conflict;
import dateline.platform.NotFound;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What every change to a story shares, inside its transaction: reading the version it was based on,
 * writing the new row only if nobody saved first, and recording the revision and the event.
 */
record StoryStore(Writes writes, ArticleRepository articles, ArticleWrites rows, RevisionRepository revisions) {
    static final String STORY_NOT_FOUND = "No story with id '%s'.";

    Article find(Handle h, String id) {
        return articles.findById(h, id).orElseThrow(() -> new NotFound(STORY_NOT_FOUND.formatted(id)));
    }

    /** The story, if it is still at {@code baseVersion}; {@link Conflict} otherwise. */
    Article current(Handle h, String id, int baseVersion) {
        Article article = find(h, id);
        if (article.version() != baseVersion) {
            throw new Conflict(ContentService.STALE_VERSION.formatted(article.version(), baseVersion));
        }
        return article;
    }

    void update(Handle h, ArticleRow row, int baseVersion) {
        if (!rows.update(h, row, baseVersion)) {
            throw new Conflict(ContentService.STALE_VERSION.formatted(row.version() - 1, baseVersion));
        }
    }

    /** Stores the revision of the new state and appends the event naming what it touched. */
    Article record(Handle h, Article before, String id, String action, String note, String actor, String eventType) {
        Article after = articles.findById(h, id).orElseThrow();
        revisions.insert(h, after, actor == null ? "system" : actor, action, note);
        writes.append(h, after.modifiedAt(), eventType, id, keys(after, before));
        return after;
    }

    /** What a story's change touches: its desk views always; the pages that list it if it is or was public. */
    static Set<String> keys(Article after, Article before) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(SurrogateKeys.article(after.id()));
        if (after.isPublished() || (before != null && before.isPublished())) {
            keys.add(SurrogateKeys.HOME);
            keys.addAll(after.surrogateKeys());
            if (before != null) {
                keys.addAll(before.surrogateKeys());
            }
        }
        return keys;
    }
}
