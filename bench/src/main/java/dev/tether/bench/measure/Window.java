package dev.tether.bench.measure;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the publishes a run has outstanding (not yet written for QoS 0, not yet acknowledged for QoS 1/2), the same
 * bound for every Java client, so none is measured filling its own unbounded buffer faster than the others.
 */
final class Window {

    private final int size;
    private final Semaphore permits;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile Throwable firstFailure;
    private final AtomicLong lastCompletedAt = new AtomicLong();

    Window(int size) {
        this.size = size;
        this.permits = new Semaphore(size);
    }

    void acquire() throws InterruptedException {
        permits.acquire();
    }

    /** Completion callback of one publish. */
    void completed(Object ignored, Throwable error) {
        if (error != null && failures.getAndIncrement() == 0) {
            firstFailure = error;
        }
        // completions may come on several threads: the latest time is when all had completed
        lastCompletedAt.accumulateAndGet(System.nanoTime(), (last, now) -> now - last > 0 ? now : last);
        permits.release();
    }

    /** @return nanoTime of the latest completion, 0 if none */
    long lastCompletedAt() {
        return lastCompletedAt.get();
    }

    int failures() {
        return failures.get();
    }

    /** @return the first publish failure, null if none */
    String firstFailure() {
        Throwable failure = firstFailure;
        return failure == null ? null : String.valueOf(failure);
    }

    /** @return whether every outstanding publish completed within the timeout */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(size, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(size);
        return true;
    }
}
