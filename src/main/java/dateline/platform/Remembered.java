package dateline.platform;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A small table kept in memory after its first read, until {@link #forget()}.
 *
 * <p>A read that started before a {@code forget()} may have seen the table as it was; its result is
 * handed back to that caller but not kept, so a change is never hidden behind an older copy that
 * finished loading late.
 */
public final class Remembered<T> {
    private final Supplier<T> load;
    private volatile T value;
    private long generation; // guarded by this

    public Remembered(Supplier<T> load) {
        this.load = Objects.requireNonNull(load);
    }

    public T get() {
        T current = value;
        if (current != null) {
            return current;
        }
        long started;
        synchronized (this) {
            started = generation;
        }
        current = Objects.requireNonNull(load.get());
        synchronized (this) {
            if (generation == started) {
                value = current;
            }
        }
        return current;
    }

    public synchronized void forget() {
        generation++;
        value = null;
    }
}
