package dateline.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background jobs on one thread: periodic tasks and on-demand wake-ups.
 *
 * <p>One thread means jobs never run concurrently with themselves or each other, which is what
 * the event tailers rely on. Nothing runs until {@link #start()}.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private record Job(String name, Duration every, Runnable task) {}

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dateline-jobs");
        t.setDaemon(true);
        return t;
    });
    private final java.util.List<Job> jobs = new java.util.ArrayList<>();
    private volatile boolean started;

    public void every(String name, Duration interval, Runnable task) {
        jobs.add(new Job(name, interval, task));
    }

    public void start() {
        started = true;
        for (Job job : jobs) {
            executor.scheduleWithFixedDelay(() -> runSafely(job.name(), job.task()), 0, job.every().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs a task soon on the job thread (if started); used to react to a local commit at once. */
    public void runSoon(String name, Runnable task) {
        if (started && !executor.isShutdown()) {
            executor.execute(() -> runSafely(name, task));
        }
    }

    private static void runSafely(String name, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("job={} failed", name, e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
