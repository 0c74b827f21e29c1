package dateline.content;

import dateline.platform.Conflict;
import dateline.platform.Ids;
import dateline.platform.ValidationErrors;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;

/**
 * The steps of a story's workflow (draft → review → scheduled → published → unpublished, with
 * corrections), each inside the caller's transaction and each refused with {@link Conflict} when the
 * story is not in a state it applies to.
 */
record StoryWorkflow(Writes writes, StoryStore store) {
    /** The advisory lock key of scheduled publishing. */
    static final long SCHEDULER_LOCK = 0x0da7e11e_0003L;

    Article take(Handle h, Article before, int baseVersion, ContentService.Step step, Instant at, String note, String actor) {
        return switch (step) {
            case SAVE -> before;
            case SUBMIT -> submitForReview(h, before, baseVersion, actor);
            case WITHDRAW -> withdraw(h, before, baseVersion, actor);
            case SEND_BACK -> sendBack(h, before, baseVersion, note, actor);
            case PUBLISH -> publish(h, before, baseVersion, actor);
            case UNPUBLISH -> unpublish(h, before, baseVersion, actor);
            case SCHEDULE -> schedule(h, before, baseVersion, at, actor);
            case CORRECT -> correct(h, before, baseVersion, note, actor);
        };
    }

    /** A writer hands a draft to the editors. */
    private Article submitForReview(Handle h, Article before, int baseVersion, String actor) {
        if (before.status() != Status.DRAFT) {
            throw new Conflict("Only a draft can be sent for review; this story is " + before.status().dbValue() + ".");
        }
        return step(h, before, baseVersion, Status.REVIEW, "submit", null, actor, EventTypes.ARTICLE_SUBMITTED);
    }

    Article publish(Handle h, Article before, int baseVersion, String actor) {
        if (before.isPublished()) {
            throw new Conflict("This story is already published.");
        }
        Instant now = writes.now();
        refuseBeforeEmbargo(h, before.id(), now, "published");
        ArticleRow was = ArticleRow.of(before);
        long firstPublished = was.firstPublishedAt() == null ? now.toEpochMilli() : was.firstPublishedAt();
        // Publishing again after an unpublish is a change after publication: readers see "Updated".
        Long updatedAt = was.firstPublishedAt() == null ? null : Long.valueOf(now.toEpochMilli());
        store.update(h, was.next(Status.PUBLISHED, now, firstPublished, updatedAt, null), baseVersion);
        return store.record(h, before, before.id(), "publish", null, actor, EventTypes.ARTICLE_PUBLISHED);
    }

    private Article unpublish(Handle h, Article before, int baseVersion, String actor) {
        if (!before.isPublished()) {
            throw new Conflict("This story is not published.");
        }
        return step(h, before, baseVersion, Status.UNPUBLISHED, "unpublish", null, actor, EventTypes.ARTICLE_UNPUBLISHED);
    }

    /** Sets a story to publish itself at {@code at}; {@link #publishDue} does it when the time comes. */
    private Article schedule(Handle h, Article before, int baseVersion, Instant at, String actor) {
        if (before.isPublished()) {
            throw new Conflict("This story is already published.");
        }
        if (at == null || !at.isAfter(writes.now())) {
            new ValidationErrors().add("scheduledAt", "Choose a publication time in the future.").throwIfAny();
        }
        refuseBeforeEmbargo(h, before.id(), at, "scheduled");
        ArticleRow was = ArticleRow.of(before);
        store.update(h, was.next(Status.SCHEDULED, writes.now(), was.firstPublishedAt(), was.updatedAt(),
                at.truncatedTo(ChronoUnit.MILLIS).toEpochMilli()), baseVersion);
        return store.record(h, before, before.id(), "schedule", null, actor, EventTypes.ARTICLE_SCHEDULED);
    }

    /** Copy under an agency's embargo may not go out before it lifts; scheduling at or after it is fine. */
    private void refuseBeforeEmbargo(Handle h, String id, Instant when, String verb) {
        store.articles().embargo(h, id).filter(when::isBefore).ifPresent(until -> new ValidationErrors().add("scheduledAt",
                "This story is under embargo until " + until + " (UTC): it cannot be " + verb
                        + " before then. Schedule it for that time or later.").throwIfAny());
    }

    /** The writer takes their story back from review, to change it before the editors read it. */
    private Article withdraw(Handle h, Article before, int baseVersion, String actor) {
        if (before.status() != Status.REVIEW) {
            throw new Conflict("Only a story in review can be withdrawn; this story is " + before.status().dbValue() + ".");
        }
        return step(h, before, baseVersion, Status.DRAFT, "withdraw", null, actor, EventTypes.ARTICLE_WITHDRAWN);
    }

    /** An editor returns a story in review (or a scheduled one) to draft, saying why in {@code note}. */
    private Article sendBack(Handle h, Article before, int baseVersion, String note, String actor) {
        if (before.status() != Status.REVIEW && before.status() != Status.SCHEDULED) {
            throw new Conflict("Only a story in review or scheduled can go back to draft; this story is " + before.status().dbValue() + ".");
        }
        return step(h, before, baseVersion, Status.DRAFT, "return", note == null ? "" : note.strip(), actor, EventTypes.ARTICLE_RETURNED);
    }

    /** Attaches a public correction note; it sets the "Updated" time of a story that was ever published. */
    private Article correct(Handle h, Article before, int baseVersion, String note, String actor) {
        if (note == null || note.isBlank()) {
            new ValidationErrors().add("note", "Say what was corrected.").throwIfAny();
        }
        Instant now = writes.now();
        store.rows().insertCorrection(h, before.id(), new Correction(Ids.newId(), note.strip(), now));
        ArticleRow was = ArticleRow.of(before);
        Long updatedAt = before.wasEverPublished() ? Long.valueOf(now.toEpochMilli()) : was.updatedAt();
        store.update(h, was.next(before.status(), now, was.firstPublishedAt(), updatedAt, was.scheduledAt()), baseVersion);
        return store.record(h, before, before.id(), "correct", null, actor, EventTypes.ARTICLE_CORRECTED);
    }

    /** A move to another state that keeps the publication times and clears any schedule. */
    private Article step(Handle h, Article before, int baseVersion, Status to, String action, String note, String actor, String eventType) {
        ArticleRow was = ArticleRow.of(before);
        store.update(h, was.next(to, writes.now(), was.firstPublishedAt(), was.updatedAt(), null), baseVersion);
        return store.record(h, before, before.id(), action, note, actor, eventType);
    }

    /**
     * Publishes every scheduled story whose time has come, including ones missed while the server was
     * down. With several app nodes on PostgreSQL, one node at a time does it (an advisory lock held
     * for the transaction; the others find it taken and skip), so each story is published once.
     *
     * <p>Each story is its own transaction, which takes its locks in the order every other write takes
     * them (the story's row, then the event log): one transaction for all of them held the log's lock
     * while waiting for the next story's row, which an autosave of that story held while waiting for
     * the log, and PostgreSQL had to break the deadlock.
     */
    int publishDue(String actor) {
        int count = 0;
        for (String id : store.articles().dueScheduled(writes.now())) {
            count += writes.run(h -> {
                if (!writes.tryJobLock(h, SCHEDULER_LOCK)) {
                    return 0;
                }
                Article before = store.find(h, id);
                if (before.status() != Status.SCHEDULED || before.scheduledAt() == null || before.scheduledAt().isAfter(writes.now())) {
                    return 0; // published, taken off the schedule or moved meanwhile
                }
                publish(h, before, before.version(), actor);
                return 1;
            });
        }
        return count;
    }
}
