package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches what the broker owes: while a new session re-subscribes, the SUBACKs; once connected, the answer to
 * the oldest QoS 1 or 2 message in flight. MQTT 3.1.1 sends a message again only on a new connection, so a broker
 * that lost an answer (Moquette does under bursts) would hold the message up, or the session in CONNECTING, for
 * ever; after {@code ack_timeout} the connection is made again. Confined to the connection's state machine.
 */
final class AckWatchdog {

    private static final long MIN_CHECK_MILLIS = 1000;

    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> check;

    AckWatchdog(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * The new session's subscriptions are on their way: if their SUBACKs take longer than {@code ackTimeout}
     * (0: wait for ever), {@code expired} runs, on the scheduler thread.
     */
    void expectSubscriptionAnswers(Duration ackTimeout, Runnable expired) {
        stop();
        if (ackTimeout.isZero()) {
            return;
        }
        try {
            check = scheduler.schedule(expired, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // every connection is closing
        }
    }

    /**
     * Connected: watches the messages in flight from now on.
     *
     * @param ackTimeout   0 turns the watchdog off
     * @param oldestSentAt when the oldest message in flight was sent ({@link System#nanoTime()}), if one is
     * @param expired      told how long the oldest waited, in seconds; on the scheduler thread
     */
    void start(Duration ackTimeout, Supplier<OptionalLong> oldestSentAt, Consumer<Long> expired) {
        stop();
        if (ackTimeout.isZero()) {
            return;
        }
        long limit = ackTimeout.toNanos();
        long period = Math.max(MIN_CHECK_MILLIS, ackTimeout.toMillis() / 4);
        try {
            check = scheduler.scheduleWithFixedDelay(() -> {
                OptionalLong oldest = oldestSentAt.get();
                long waited = oldest.isPresent() ? System.nanoTime() - oldest.getAsLong() : 0;
                if (waited >= limit) {
                    expired.accept(TimeUnit.NANOSECONDS.toSeconds(waited));
                }
            }, period, period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // every connection is closing
        }
    }

    void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
