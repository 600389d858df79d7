package dev.tether.mqtt.internal.connection;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one listener's tasks one at a time, in order, on a shared pool: a slow listener holds up
 * only its own mailbox. Bounded, so a listener that never returns cannot exhaust memory.
 */
final class Mailbox {

    private final Executor pool;
    private final int capacity;
    /** Created with the first task: most mailboxes of a gateway wait idle for a long time. Guarded by this. */
    private Queue<Runnable> tasks;
    private boolean draining;

    Mailbox(Executor pool, int capacity) {
        this.pool = pool;
        this.capacity = capacity;
    }

    /** @return false when the mailbox is full or the pool is shut down; the task is then dropped */
    boolean offer(Runnable task) {
        synchronized (this) {
            if (tasks == null) {
                tasks = new ArrayDeque<>();
            }
            if (tasks.size() >= capacity) {
                return false;
            }
            tasks.add(task);
            if (draining) {
                return true;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                draining = false;
            }
            return false;
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            task.run();
        }
    }
}
