package dateline.platform;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/**
 * The append-only {@code content_events} table that every derived view follows.
 *
 * <p>Appends happen inside the writer's transaction ({@link #append}); after the commit the writer
 * calls {@link #announce()} so the tailers on this node look at once instead of at their next poll.
 * Other nodes hear of it by PostgreSQL NOTIFY, sent in the same transaction ({@link EventNotifications}), or at their next poll.
 */
public final class EventLog {
    private final Database db;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public EventLog(Database db) {
        this.db = db;
    }

    /** Appends one event in the caller's transaction and returns its id. */
    public long append(Handle handle, Instant at, String type, String subjectId, Collection<String> keys) {
        db.lockEventLog(handle);
        db.notifyEvents(handle);
        return handle.createUpdate("INSERT INTO content_events (created_at, type, subject_id, keys) VALUES (:at, :type, :subject, :keys)")
                .bind("at", at.toEpochMilli())
                .bind("type", type)
                .bind("subject", subjectId)
                .bind("keys", String.join(" ", new LinkedHashSet<>(keys)))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /** An event to append: what happened to which subject, and the surrogate keys it touched. */
    public record NewEvent(Instant at, String type, String subjectId, Collection<String> keys) {}

    /** Appends several events in the caller's transaction, in their order, with one JDBC batch. */
    public void appendAll(Handle handle, List<NewEvent> newEvents) {
        if (newEvents.isEmpty()) {
            return;
        }
        db.lockEventLog(handle);
        db.notifyEvents(handle);
        var batch = handle.prepareBatch("INSERT INTO content_events (created_at, type, subject_id, keys) VALUES (:at, :type, :subject, :keys)");
        for (NewEvent e : newEvents) {
            batch.bind("at", e.at().toEpochMilli()).bind("type", e.type()).bind("subject", e.subjectId())
                    .bind("keys", String.join(" ", new LinkedHashSet<>(e.keys()))).add();
        }
        batch.execute();
    }

    /** Up to {@code limit} events after {@code afterId}, oldest first. */
    public List<Event> after(long afterId, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id, created_at, type, subject_id, keys FROM content_events WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Event(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getString("type"), rs.getString("subject_id"), splitKeys(rs.getString("keys"))))
                .list());
    }

    /** The id of the newest event, or 0 when the log is empty. */
    public long head() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM content_events").mapTo(Long.class).one());
    }

    /** When the event with this id was appended (epoch milliseconds), if the log has it. */
    public Optional<Long> timeOf(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT created_at FROM content_events WHERE id = :id").bind("id", id)
                .mapTo(Long.class).findOne());
    }

    /**
     * The identity of this database: a random id made the first time any node asked (a backup restored
     * keeps it; a new database, an import into one, has another).
     */
    public String databaseIdentity() {
        return db.jdbi().inTransaction(h -> {
            Optional<String> known = h.createQuery("SELECT id FROM database_identity").mapTo(String.class).findFirst();
            if (known.isPresent()) {
                return known.get();
            }
            h.createUpdate("INSERT INTO database_identity (id, created_at) VALUES (:id, :at) ON CONFLICT DO NOTHING")
                    .bind("id", Ids.newId()).bind("at", System.currentTimeMillis()).execute();
            return h.createQuery("SELECT id FROM database_identity ORDER BY created_at, id").mapTo(String.class).first();
        });
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Tells this node's tailers that a transaction that appended events has committed. */
    public void announce() {
        listeners.forEach(Runnable::run);
    }

    private static Set<String> splitKeys(String keys) {
        return keys == null || keys.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(keys.split(" ")));
    }
}
