package dev.tether.mqtt.internal.session;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive of one connection (MQTT 3.1.1, 3.1.2.10): a PINGREQ when nothing was sent or nothing received for
 * {@code keep_alive}, and the connection declared lost when a PINGREQ is unanswered and nothing at all has arrived
 * for 1.5 × {@code keep_alive} (a peer gone without FIN or RST, behind a NAT that forgot the flow). It looks again
 * exactly when the next deadline is due, on the shared scheduler, not on a thread of its own.
 */
final class KeepAlive {

    /** What keep-alive asks of the connection. */
    interface Actions {
        /** Sends a PINGREQ. */
        void ping();

        /** Nothing arrived in time: the connection is gone. */
        void lost(long silentMillis);
    }

    /** Set by {@link #start}, before anything reads it on another thread. */
    private volatile long intervalNanos;
    private final ScheduledExecutorService scheduler;
    private final Actions actions;
    private volatile long lastSent;
    private volatile long lastReceived;
    private volatile boolean pingOutstanding;
    private ScheduledFuture<?> check;
    private boolean stopped;

    /** @param keepAliveSeconds 0 turns keep-alive off */
    KeepAlive(int keepAliveSeconds, ScheduledExecutorService scheduler, Actions actions) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
        this.scheduler = scheduler;
        this.actions = actions;
        long now = System.nanoTime();
        this.lastSent = now;
        this.lastReceived = now;
    }

    void start() {
        start(TimeUnit.NANOSECONDS.toSeconds(intervalNanos));
    }

    /** Starts with the keep alive the broker set for the session (MQTT 5 Server Keep Alive) [MQTT-3.2.2-21]. */
    void start(long keepAliveSeconds) {
        intervalNanos = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
        if (intervalNanos > 0) {
            scheduleAt(System.nanoTime() + intervalNanos);
        }
    }

    void sent() {
        lastSent = System.nanoTime();
    }

    void received() {
        lastReceived = System.nanoTime();
    }

    void pingAnswered() {
        pingOutstanding = false;
    }

    synchronized void stop() {
        stopped = true;
        if (check != null) {
            check.cancel(false);
        }
    }

    private void check() {
        long now = System.nanoTime();
        long silent = now - lastReceived;
        long lostAfter = intervalNanos + intervalNanos / 2;
        if (pingOutstanding && silent >= lostAfter) {
            stop();
            actions.lost(TimeUnit.NANOSECONDS.toMillis(silent));
            return;
        }
        if (!pingOutstanding && (now - lastSent >= intervalNanos || silent >= intervalNanos)) {
            pingOutstanding = true;
            actions.ping();
        }
        long next = pingOutstanding ? lastReceived + lostAfter
            : Math.min(lastSent + intervalNanos, lastReceived + intervalNanos);
        scheduleAt(next);
    }

    private synchronized void scheduleAt(long deadline) {
        if (stopped) {
            return;
        }
        long delay = Math.max(TimeUnit.MILLISECONDS.toNanos(5), deadline - System.nanoTime());
        try {
            check = scheduler.schedule(this::check, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // every connection is closing: nothing to keep alive
        }
    }
}
