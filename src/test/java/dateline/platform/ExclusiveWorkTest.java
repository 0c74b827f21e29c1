package dateline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work done "exclusively" (the demo's loading into an empty database) runs on one node at a time: two
 * pools on one PostgreSQL database, as two nodes starting together, never run it at once, and the
 * second finds what the first did.
 */
class ExclusiveWorkTest {
    @TempDir
    Path tempDir;

    @Test
    void two_nodes_starting_together_take_turns() throws Exception {
        Config config = TestDatabase.POSTGRESQL.config(tempDir);
        try (Database a = Database.open(config.dbUrl(), config.dbUser(), "");
             Database b = Database.open(config.dbUrl(), config.dbUser(), "")) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> nodes = new ArrayList<>();
            for (Database db : List.of(a, b)) {
                nodes.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    db.exclusively(0x0da7e11e_0099L, () -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        if (done.get() == 0) { // the work, done once: the other node finds it done
                            try {
                                Thread.sleep(500); // long enough that, without the lock, the other node would be inside too
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            done.incrementAndGet();
                        }
                        inside.decrementAndGet();
                    });
                }));
            }
            go.countDown();
            for (Thread node : nodes) {
                node.join(10_000);
            }
            assertThat(most.get()).as("nodes inside at once").isEqualTo(1);
            assertThat(done.get()).as("times the work was done").isEqualTo(1);
        }
    }
}
