package dateline.trending;

import dateline.content.SurrogateKeys;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The minute job: flush this node's view counts to SQL, recompute the lists, and tell the page
 * cache to drop pages that show them when they changed. Every node runs it; each flush adds its own
 * counts, and the lists are read from the shared table.
 */
public final class TrendingJob implements Runnable {
    public static final String SURROGATE_KEY = SurrogateKeys.TRENDING;

    private final ViewCounter counter;
    private final TrendingList list;
    private final Consumer<Set<String>> evictPages;
    private int runs;

    public TrendingJob(ViewCounter counter, TrendingList list, Consumer<Set<String>> evictPages) {
        this.counter = counter;
        this.list = list;
        this.evictPages = evictPages;
    }

    @Override
    public void run() {
        counter.flush();
        if (list.recompute()) {
            evictPages.accept(Set.of(SURROGATE_KEY));
        }
        if (++runs % 60 == 1) {
            list.prune();
        }
    }
}
