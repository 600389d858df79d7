package dev.tether.mqtt.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttServiceException;

/**
 * What {@code mqtt:pub} does: publishes and waits a while for the outcome, so the person at the
 * shell learns whether the message went out, is queued (QoS 1/2 while offline), or failed and why.
 */
final class Publisher {

    private final Duration wait;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param wait how long to wait for the broker's acknowledgement before reporting the message as queued
     * @param out  where the outcome goes; {@code err} where failures go (the session's streams)
     */
    Publisher(Duration wait, PrintStream out, PrintStream err) {
        this.wait = wait;
        this.out = out;
        this.err = err;
    }

    /** @throws UsageException for an invalid topic or QoS, as the service judges them */
    void publish(MqttService service, String topic, String payload, Arguments.PublishOptions options) {
        CompletableFuture<Void> sent;
        try {
            sent = service.publish(topic, payload, options.qos(), options.retain()).toCompletableFuture();
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot publish: " + e.getMessage());
        }
        try {
            sent.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            out.println("published to " + topic + " (QoS " + options.qos() + (options.retain() ? ", retained" : "")
                + ")");
        } catch (TimeoutException e) {
            out.println("not yet sent after " + seconds(wait) + ": queued (state "
                + service.state() + ")");
        } catch (InterruptedException e) {
            // Ctrl-C: stop waiting, not publishing; a QoS 1/2 message stays queued
            out.println("stopped waiting: the message is queued (state " + service.state() + ")");
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            err.println("not published to " + topic + ": " + reason(e.getCause()));
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return failure instanceof MqttServiceException
            ? message + " (" + ((MqttServiceException) failure).reason() + ")" : message;
    }
}
