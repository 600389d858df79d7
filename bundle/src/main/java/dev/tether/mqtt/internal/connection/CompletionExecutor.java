package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Completes one connection's stages on its delivery pool, one completion after another and in
 * order, so that a burst of acknowledgements costs one pool thread running them back to back,
 * not a hand-off (and a thread woken) per message. A completion whose dependent action blocks,
 * perhaps waiting for a later completion, does not hold up the rest: once the running one has
 * taken longer than {@link #STUCK}, another pool thread takes over the queue.
 */
final class CompletionExecutor implements Executor {

    /** How long a completion may run before the ones behind it get a thread of their own. */
    static final Duration STUCK = Duration.ofMillis(50);

    private final Executor pool;
    private final ScheduledExecutorService timer;
    private final long stuckNanos;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    /** Drainers started and not yet ended; guarded by {@code tasks}, as are the fields below. */
    private int drainers;
    /** Drainers inside a task, not looking for the next one. */
    private int busy;
    /** When the most recently started task began: every busy drainer has been busy at least since then. */
    private long youngestStart;
    private boolean checkScheduled;

    /**
     * @param pool  runs the completions
     * @param timer looks again, while completions wait behind a busy one, whether it is stuck
     * @param stuck how long a completion may run before the ones behind it get a thread of their own
     */
    CompletionExecutor(Executor pool, ScheduledExecutorService timer, Duration stuck) {
        this.pool = pool;
        this.timer = timer;
        this.stuckNanos = stuck.toNanos();
    }

    @Override
    public void execute(Runnable task) {
        boolean start;
        synchronized (tasks) {
            tasks.add(task);
            start = needsDrainer();
        }
        if (start) {
            startDrainer();
        }
    }

    /** @return whether to start a drainer (counted already); otherwise a check may be scheduled */
    private boolean needsDrainer() {
        if (tasks.isEmpty() || drainers > busy) {
            // a drainer between two tasks takes it
            return false;
        }
        if (drainers == 0 || System.nanoTime() - youngestStart >= stuckNanos) {
            drainers++;
            return true;
        }
        scheduleCheck();
        return false;
    }

    private void scheduleCheck() {
        if (checkScheduled) {
            return;
        }
        try {
            timer.schedule(this::check, stuckNanos, TimeUnit.NANOSECONDS);
            checkScheduled = true;
        } catch (RejectedExecutionException shuttingDown) {
            // the connection is closing; the busy drainer runs the rest when it returns
        }
    }

    private void check() {
        boolean start;
        synchronized (tasks) {
            checkScheduled = false;
            start = needsDrainer();
        }
        if (start) {
            startDrainer();
        }
    }

    private void startDrainer() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException shutDown) {
            // the pool is gone with the connection: the completions still run, here
            drain();
        }
    }

    private void drain() {
        Runnable task = null;
        while (true) {
            synchronized (tasks) {
                if (task != null) {
                    busy--;
                }
                task = tasks.poll();
                if (task == null) {
                    drainers--;
                    return;
                }
                busy++;
                youngestStart = System.nanoTime();
                if (!tasks.isEmpty()) {
                    // the ones behind this task must not wait for ever if it gets stuck
                    scheduleCheck();
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // completing a stage does not throw (a dependent's failure stays in its stage); if it does, go on
            } catch (Error e) {
                endAfterError();
                throw e;
            }
        }
    }

    /** This drainer's thread dies with an error: the completions behind it need another one. */
    private void endAfterError() {
        boolean start;
        synchronized (tasks) {
            drainers--;
            busy--;
            start = needsDrainer();
        }
        if (start) {
            startDrainer();
        }
    }
}
