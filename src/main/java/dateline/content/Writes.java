package dateline.content;

import dateline.platform.Database;
import dateline.platform.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The one transaction helper of the write path: runs a change in a transaction, appends its events
 * there, and after the commit tells this node's tailers (and forgets what this node keeps in memory).
 * Every room of the content service writes through it.
 */
final class Writes {
    private final Database db;
    private final EventLog events;
    private final Clock clock;

    Writes(Database db, EventLog events, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.events = Objects.requireNonNull(events);
        this.clock = Objects.requireNonNull(clock);
    }

    <T> T run(Function<Handle, T> work) {
        return run(work, () -> { });
    }

    /**
     * A write that changes something this node keeps in memory: {@code forgetOnThisNode} runs once it
     * is committed, so the writer reads its own change at once; other nodes forget on the event.
     */
    <T> T run(Function<Handle, T> work, Runnable forgetOnThisNode) {
        T result = db.jdbi().inTransaction(work::apply);
        forgetOnThisNode.run();
        events.announce();
        return result;
    }

    /** Runs the work in a transaction that is always rolled back: nothing is kept, no event is seen. */
    <T> T dryRun(Function<Handle, T> work) {
        return db.jdbi().inTransaction(h -> {
            T result = work.apply(h);
            h.rollback(); // Jdbi then does not commit
            return result;
        });
    }

    void append(Handle h, Instant at, String type, String subjectId, Collection<String> keys) {
        events.append(h, at, type, subjectId, keys);
    }

    void appendAll(Handle h, java.util.List<EventLog.NewEvent> newEvents) {
        events.appendAll(h, newEvents);
    }

    /** Whether this transaction holds the run-once lock {@code key} (always true on SQLite). */
    boolean tryJobLock(Handle h, long key) {
        return db.tryJobLock(h, key);
    }

    /** The clock's time to the millisecond, as stored. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
