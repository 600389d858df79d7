package dev.tether.mqtt.internal.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts tasks on the shared workers, except during a burst of a link's reader or writer: then the starts wait
 * until the burst ends. A burst of 64 messages for one listener then wakes its mailbox's thread once, not once per
 * message (a hand-off costs more than handling a small message). A burst is one read of the network, or one batch
 * written: short, so nothing waits long.
 */
final class BurstExecutor implements Executor {

    private static final ThreadLocal<List<Runnable>> DEFERRED = new ThreadLocal<>();

    private final Executor workers;

    BurstExecutor(Executor workers) {
        this.workers = workers;
    }

    @Override
    public void execute(Runnable task) {
        List<Runnable> deferred = DEFERRED.get();
        if (deferred == null) {
            workers.execute(task);
        } else {
            deferred.add(() -> start(task));
        }
    }

    private void start(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException shutDown) {
            // the workers are gone with the last connection: what was started still runs, here
            task.run();
        }
    }

    /** The calling thread begins a burst, unless it is in one. */
    static void beginBurst() {
        if (DEFERRED.get() == null) {
            DEFERRED.set(new ArrayList<>(4));
        }
    }

    /** The calling thread's burst ends: what it deferred starts now. */
    static void endBurst() {
        List<Runnable> deferred = DEFERRED.get();
        if (deferred != null) {
            DEFERRED.remove();
            for (int i = 0; i < deferred.size(); i++) {
                deferred.get(i).run();
            }
        }
    }
}
