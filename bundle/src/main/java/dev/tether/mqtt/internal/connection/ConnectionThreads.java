package dev.tether.mqtt.internal.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one connection owns: a single loop thread for its state machine and timers, and an
 * elastic pool for listener calls and stage completions (idle threads end after a while). Both end
 * on {@link #shutdown()}.
 */
final class ConnectionThreads {

    private static final long SHUTDOWN_WAIT_MILLIS = 2000;

    private final ScheduledExecutorService loop;
    private final ThreadPoolExecutor delivery;
    private final CompletionExecutor completions;

    ConnectionThreads(String connectionName) {
        this.loop = Executors.newSingleThreadScheduledExecutor(named("tether-" + connectionName + "-loop"));
        this.delivery = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            named("tether-" + connectionName + "-delivery"));
        this.completions = new CompletionExecutor(delivery, loop, CompletionExecutor.STUCK);
    }

    ScheduledExecutorService loop() {
        return loop;
    }

    ExecutorService delivery() {
        return delivery;
    }

    /** Completes stages on the delivery pool, in order, without a hand-off per stage under load. */
    Executor completions() {
        return completions;
    }

    void shutdown() {
        loop.shutdown();
        delivery.shutdown();
        try {
            if (!loop.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                loop.shutdownNow();
            }
            if (!delivery.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                delivery.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            delivery.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
