package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ServerAddress;

/**
 * When and where the next connection attempt goes: the backoff, the server (the configured one or the backup) and
 * the attempt scheduled. Confined to the connection's state machine, into which the scheduled steps return.
 */
final class Attempts {

    private final ScheduledExecutorService scheduler;
    private final Consumer<Runnable> stateMachine;
    private Backoff backoff;
    private ServerRotation servers;
    private ScheduledFuture<?> pending;

    /** @param stateMachine runs a step in the connection's state machine */
    Attempts(ScheduledExecutorService scheduler, Consumer<Runnable> stateMachine) {
        this.scheduler = scheduler;
        this.stateMachine = stateMachine;
    }

    /** New settings: the backoff starts at the minimum, on the configured server. */
    void configure(ConnectionSettings settings) {
        backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(),
            () -> ThreadLocalRandom.current().nextDouble());
        servers = new ServerRotation(settings);
    }

    ServerAddress server() {
        return servers.current();
    }

    boolean onBackup() {
        return servers.onBackup();
    }

    /** @return whether an attempt is scheduled and has not started */
    boolean pending() {
        return pending != null;
    }

    /** The attempt that was scheduled is starting now, or is not wanted. */
    void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /**
     * The attempt failed: the next goes to the other server, if there is a backup.
     *
     * @param longest whether retrying sooner cannot help (rejected credentials): the longest delay
     * @return the delay scheduled
     */
    Duration afterFailure(Runnable connect, boolean longest) {
        servers.attemptFailed();
        return scheduleAttempt(connect, longest ? backoff.longest() : backoff.next());
    }

    /** @return the delay scheduled before the next attempt, after a connection that was up was lost */
    Duration afterLoss(Runnable connect) {
        return scheduleAttempt(connect, backoff.next());
    }

    /** Schedules the next attempt after a fixed delay, without touching the backoff (waiting for the clock). */
    void retryIn(Duration delay, Runnable connect) {
        scheduleAttempt(connect, delay);
    }

    private Duration scheduleAttempt(Runnable connect, Duration delay) {
        cancelPending();
        pending = schedule(() -> {
            pending = null;
            connect.run();
        }, delay);
        return delay;
    }

    /** Connected: the next failure starts again at the minimum delay. */
    void connected() {
        backoff.reset();
    }

    /** The next attempt goes to the configured server, at once. */
    void restart() {
        cancelPending();
        backoff.reset();
        servers.returnToPrimary();
    }

    /** @return the scheduled step, or null when the connections are shutting down */
    ScheduledFuture<?> schedule(Runnable step, Duration delay) {
        try {
            return scheduler.schedule(() -> stateMachine.accept(step), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }
}
