package dev.tether.mqtt.internal.connection;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tether.mqtt.internal.transport.WebSocketClients;

/**
 * The threads all connections share: one scheduler for every timer (keep-alive, backoff, timeouts) and an elastic
 * pool of workers for everything else (the connections' state machines, writing, listener calls, completions);
 * idle workers end after a while; and the JDK's WebSocket clients, which run on the workers. A connection's only thread
 * of its own is its reader. Started with the first
 * connection and shut down with the last, so nothing of Tether runs once its connections are closed.
 */
final class SharedThreads {

    private static final long IDLE_WORKER_SECONDS = 30;
    private static final Object LOCK = new Object();
    private static SharedThreads current;
    private static int users;

    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor workers;
    private final WebSocketClients webSocketClients;

    private SharedThreads() {
        scheduler = new ScheduledThreadPoolExecutor(1, named("tether-scheduler"));
        // keep-alive reschedules itself often: cancelled checks must not pile up in the queue
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_WORKER_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), named("tether-worker"));
        // the JDK's WebSocket clients run on the workers, which never refuse a task while they live
        webSocketClients = new WebSocketClients(workers);
    }

    /** @return the shared threads, started if this is the first user; each user calls {@link #release()} once */
    static SharedThreads acquire() {
        synchronized (LOCK) {
            if (current == null) {
                current = new SharedThreads();
            }
            users++;
            return current;
        }
    }

    /** The user is done; the last one shuts the threads down (running work finishes, idle threads end now). */
    void release() {
        synchronized (LOCK) {
            if (current != this || --users > 0) {
                return;
            }
            current = null;
        }
        webSocketClients.close();
        scheduler.shutdownNow();
        workers.shutdown();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService workers() {
        return workers;
    }

    /** @return the JDK WebSocket clients, shared by the connections with the same TLS material */
    WebSocketClients webSocketClients() {
        return webSocketClients;
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
