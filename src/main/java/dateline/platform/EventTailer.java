package dateline.platform;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one derived view the events it has not seen yet, remembering how far it got.
 *
 * <p>{@link #poll()} is not thread-safe on its own; {@link JobRunner} calls it from one thread.
 * If the view throws, the cursor stays where it was and the same events come again next poll.
 */
public final class EventTailer {
    private static final Logger log = LoggerFactory.getLogger(EventTailer.class);
    private static final int BATCH = 500;

    private final String name;
    private final EventLog events;
    private final Consumer<List<Event>> view;
    private final AtomicLong position;

    public EventTailer(String name, EventLog events, long startAfter, Consumer<List<Event>> view) {
        this.name = name;
        this.events = events;
        this.view = view;
        this.position = new AtomicLong(startAfter);
    }

    /** Applies every event after the cursor, in batches, and advances the cursor. */
    public void poll() {
        while (true) {
            List<Event> batch = events.after(position.get(), BATCH);
            if (batch.isEmpty()) {
                return;
            }
            try {
                view.accept(batch);
            } catch (RuntimeException e) {
                log.error("view={} failed to apply events after {}; will retry", name, position.get(), e);
                return;
            }
            position.set(batch.get(batch.size() - 1).id());
            if (batch.size() < BATCH) {
                return;
            }
        }
    }

    public String name() {
        return name;
    }

    public long position() {
        return position.get();
    }
}
