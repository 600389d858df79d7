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
    /**
     * How long a connection must have been up for its loss to start the backoff at the minimum again: one that drops
     * sooner (the broker throws it off, or another gateway with the same client id takes its session over each time
     * it connects) keeps doubling the delay, so the reconnects do not become a storm.
     */
    static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    private Backoff backoff;
    /** When the current connection was accepted ({@link System#nanoTime()}); 0 while there is none. */
    private long connectedAt;
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

    /**
     * A connection that was up was lost. After one that lasted {@link #STABLE_AFTER} the next attempt comes after the
     * minimum delay; after a shorter one the delay goes on doubling from where the attempts before it left it.
     *
     * @return the delay scheduled before the next attempt
     */
    Duration afterLoss(Runnable connect) {
        servers.connectionLost();
        if (connectedAt != 0 && System.nanoTime() - connectedAt >= STABLE_AFTER.toNanos()) {
            backoff.reset();
        }
        connectedAt = 0;
        return scheduleAttempt(connect, backoff.next());
    }

    /**
     * The broker sent the client to another server (MQTT 5 0x9C or 0x9D): the next attempt goes there at once.
     *
     * @return whether it is followed: not beyond {@link ServerRotation#MOST_REDIRECTS} redirects in a row
     */
    boolean redirect(ServerAddress to, boolean permanently, Runnable connect) {
        if (!servers.redirect(to, permanently)) {
            return false;
        }
        scheduleAttempt(connect, Duration.ZERO);
        return true;
    }

    /** Tries again at once, without touching the backoff: the same server, another way (MQTT 3.1.1 for 5). */
    void retryNow(Runnable connect) {
        scheduleAttempt(connect, Duration.ZERO);
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

    /** Connected: once the connection has lasted {@link #STABLE_AFTER}, its loss starts again at the minimum. */
    void connected() {
        connectedAt = System.nanoTime();
        servers.connected();
    }

    /** The next attempt goes to the configured server, at once. */
    void restart() {
        cancelPending();
        backoff.reset();
        connectedAt = 0;
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
