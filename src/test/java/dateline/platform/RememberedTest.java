package dateline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RememberedTest {

    @Test
    void keeps_the_first_read_until_forgotten() {
        AtomicInteger table = new AtomicInteger(1);
        AtomicInteger loads = new AtomicInteger();
        Remembered<Integer> remembered = new Remembered<>(() -> {
            loads.incrementAndGet();
            return table.get();
        });

        assertThat(remembered.get()).isEqualTo(1);
        table.set(2);
        assertThat(remembered.get()).as("kept in memory").isEqualTo(1);
        assertThat(loads).hasValue(1);

        remembered.forget();
        assertThat(remembered.get()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void a_read_that_was_under_way_when_forgotten_is_not_kept() throws Exception {
        AtomicInteger table = new AtomicInteger(1);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Remembered<Integer> remembered = new Remembered<>(() -> {
            int seen = table.get();
            if (Thread.currentThread().getName().equals("slow-reader")) {
                reading.countDown();
                await(release);
            }
            return seen;
        });

        CompletableFuture<Integer> slow = new CompletableFuture<>();
        Thread reader = new Thread(() -> slow.complete(remembered.get()), "slow-reader");
        reader.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        table.set(2);          // the write commits while the slow read holds the old table
        remembered.forget();   // and the writer forgets
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).as("the slow reader still gets what it read").isEqualTo(1);

        assertThat(remembered.get()).as("but the old copy was not kept").isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
