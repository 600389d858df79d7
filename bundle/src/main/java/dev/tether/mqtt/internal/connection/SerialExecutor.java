package dev.tether.mqtt.internal.connection;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's state machine steps one at a time and in order, on the shared workers: its state needs
 * no locks, and the connection has no thread of its own for it. {@link #isRunningHere()} lets code that must run
 * in it assert so.
 */
final class SerialExecutor implements Executor {

    private final Executor workers;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;
    private boolean shutdown;
    private volatile Thread runner;

    SerialExecutor(Executor workers) {
        this.workers = workers;
    }

    /** @throws RejectedExecutionException once shut down */
    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            if (shutdown) {
                throw new RejectedExecutionException("the connection is closed");
            }
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException workersGone) {
            drain();
        }
    }

    /** @return whether the calling thread is running a step of this executor now */
    boolean isRunningHere() {
        return runner == Thread.currentThread();
    }

    /** Refuses new steps; those already queued still run. */
    void shutdown() {
        synchronized (tasks) {
            shutdown = true;
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        boolean emptied = false;
        try {
            while (true) {
                Runnable task;
                synchronized (tasks) {
                    task = tasks.poll();
                    if (task == null) {
                        draining = false;
                        emptied = true;
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // each step handles its own failures; a stray one must not hold up the steps behind it
                }
            }
        } finally {
            runner = null;
            if (!emptied) {
                // an Error ended this thread's turn: the next step submitted starts a new one
                synchronized (tasks) {
                    draining = false;
                }
            }
        }
    }
}
