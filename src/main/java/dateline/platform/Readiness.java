package dateline.platform;

import java.util.List;

/**
 * Whether this node may be sent readers: once its derived views (the search index, the caches) have
 * applied every event that was in the log when it started, so a load balancer asking {@code /healthz}
 * never sends readers to a node that would show stale pages. Once caught up it stays ready; it then
 * follows the log within milliseconds (or a poll interval, should notifications fail).
 */
public final class Readiness {
    private volatile List<EventTailer> tailers = List.of();
    private volatile long target = Long.MAX_VALUE;
    private volatile boolean ready;

    /** From now on, ready once every one of these tailers has reached {@code head}. */
    public void follow(List<EventTailer> followed, long head) {
        this.tailers = List.copyOf(followed);
        this.target = head;
    }

    public boolean ready() {
        if (!ready && !tailers.isEmpty() && tailers.stream().allMatch(t -> t.position() >= target)) {
            ready = true;
        }
        return ready;
    }

    /** What is still being caught up, for the health answer: the slowest view and how far it is. */
    public String progress() {
        return tailers.stream().filter(t -> t.position() < target).map(t -> t.name() + " at event " + t.position() + " of " + target)
                .findFirst().orElse(tailers.isEmpty() ? "not started" : "caught up");
    }
}
