package dev.tether.mqtt.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttSubscription;

/**
 * What {@code mqtt:sub} does: subscribes, prints each message as {@code topic payload} on the
 * command's own thread until the time is up, the command is interrupted (Ctrl-C) or the connection
 * goes away, and always unsubscribes at the end. One instance per command run.
 */
final class Subscriber {

    /** Messages waiting to be printed before new ones are dropped. */
    static final int QUEUE_CAPACITY = 10_000;

    private static final Duration TICK = Duration.ofMillis(100);
    private static final int BATCH = 100;

    private final PrintStream out;
    private final PrintStream err;
    private boolean interrupted;

    /** @param out where messages go; {@code err} where problems go (the session's streams) */
    Subscriber(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the subscription on the calling thread and returns when it ended.
     *
     * @param limit             how long to print; {@link Duration#ZERO} for until interrupted
     * @param connectionPresent false once the service is unregistered
     * @throws UsageException for an invalid filter
     */
    void run(MqttService service, String filter, int qos, Duration limit, BooleanSupplier connectionPresent) {
        MessageQueue queue = new MessageQueue(QUEUE_CAPACITY);
        MqttSubscription subscription;
        try {
            subscription = service.subscribe(filter, qos, queue);
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot subscribe: " + e.getMessage());
        }
        long printed = 0;
        try {
            ConnectionState state = service.state();
            if (state != ConnectionState.CONNECTED) {
                out.println(service.connectionName() + " is " + state + ": the subscription starts once it connects");
                out.flush();
            }
            printed = printUntilDone(service, subscription, queue, limit, connectionPresent);
        } finally {
            subscription.close();
        }
        // what arrived before the unsubscribe still counts, unless Ctrl-C asked to stop printing
        long unprinted = 0;
        for (MqttMessage message = queue.nextWaiting(); message != null; message = queue.nextWaiting()) {
            if (interrupted) {
                unprinted++;
            } else {
                print(message);
                printed++;
            }
        }
        long dropped = queue.dropped();
        out.println(printed + " message(s)"
            + (dropped == 0 ? "" : ", " + dropped + " dropped: the shell could not print them fast enough")
            + (unprinted == 0 ? "" : ", " + unprinted + " not printed after Ctrl-C"));
        out.flush();
        if (interrupted) {
            // restored only now: an interruptible output stream would close on a write with the flag set
            Thread.currentThread().interrupt();
        }
    }

    private long printUntilDone(MqttService service, MqttSubscription subscription, MessageQueue queue,
        Duration limit, BooleanSupplier connectionPresent) {
        CompletableFuture<Void> acknowledged = subscription.acknowledged().toCompletableFuture();
        boolean announced = false;
        long deadline = System.nanoTime() + limit.toNanos();
        long printed = 0;
        try {
            while (true) {
                if (!announced && acknowledged.isDone()) {
                    Throwable rejected = acknowledged.handle((done, failure) -> failure).join();
                    if (rejected != null) {
                        err.println("the broker rejected the subscription to " + subscription.topicFilter() + ": "
                            + message(rejected));
                        return printed;
                    }
                    out.println("subscribed to " + subscription.topicFilter() + " on " + service.connectionName()
                        + " (QoS " + subscription.qos() + ")"
                        + (limit.isZero() ? " until Ctrl-C" : " for " + limit.toSeconds() + " s"));
                    out.flush();
                    announced = true;
                }
                long left = limit.isZero() ? TICK.toNanos() : deadline - System.nanoTime();
                if (left <= 0) {
                    return printed;
                }
                if (!connectionPresent.getAsBoolean()) {
                    err.println("connection " + service.connectionName() + " is gone (disabled or deleted)");
                    return printed;
                }
                // a short wait, so the broker's acknowledgement and a vanished connection show soon
                MqttMessage message = queue.next(left < TICK.toNanos() ? Duration.ofNanos(left) : TICK);
                // in batches, so a flood of messages cannot keep the loop from the time limit and Ctrl-C
                int batch = 0;
                while (message != null) {
                    print(message);
                    printed++;
                    message = ++batch < BATCH ? queue.nextWaiting() : null;
                }
                out.flush();
            }
        } catch (InterruptedException ctrlC) {
            // Gogo interrupts the command's thread on Ctrl-C: the normal way to end an open-ended sub
            interrupted = true;
            return printed;
        }
    }

    private void print(MqttMessage message) {
        out.println(message.topic() + " " + PayloadText.of(message.payload()));
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
