package io.pledge.platform.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own, again and again with a fixed delay between the end of
 * one run and the start of the next. For work due more often than Quarkus' scheduler runs anything
 * (once a second): the alarm scan, the snapshot publisher. The task catches its own failures; one
 * that escapes ends the repetition, as with any {@link ScheduledExecutorService}.
 */
public final class FixedDelayTask implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private FixedDelayTask(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts {@code task} after one {@code delay}, then {@code delay} after each run ends. */
    public static FixedDelayTask start(String threadName, Duration delay, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, delay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
        return new FixedDelayTask(scheduler);
    }

    /** Stops it: a run in progress is interrupted, no further one starts. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
