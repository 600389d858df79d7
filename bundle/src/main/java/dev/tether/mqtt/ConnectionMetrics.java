package dev.tether.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An immutable snapshot of what one connection has done since it was configured: messages and bytes each way per
 * QoS, connects and losses, failed attempts by cause, the queue, listener overflows, the publish-to-acknowledgement
 * latency of the last minute, the traffic of the last 15 minutes and the last 100 connection events. Counting costs
 * no allocation per message. Since 1.4.
 */
@ProviderType
public interface ConnectionMetrics {

    /** How long {@link #history()} reaches back. */
    Duration HISTORY = Duration.ofMinutes(15);
    /** The time between two {@link #history()} samples. */
    Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);
    /** How many {@link #recentEvents()} are kept at most. */
    int EVENTS_KEPT = 100;

    /** @return the connection's name */
    String connectionName();

    /** @return when the snapshot was taken */
    Instant takenAt();

    /**
     * @param qos 0, 1 or 2
     * @return messages received from the broker at that QoS
     */
    long messagesIn(int qos);

    /**
     * @param qos 0, 1 or 2
     * @return payload bytes received at that QoS
     */
    long bytesIn(int qos);

    /**
     * @param qos 0, 1 or 2
     * @return messages published and completed at that QoS (QoS 0: written; 1 and 2: acknowledged by the broker)
     */
    long messagesOut(int qos);

    /**
     * @param qos 0, 1 or 2
     * @return payload bytes of the messages of {@link #messagesOut(int)}
     */
    long bytesOut(int qos);

    /** @return connections the broker accepted */
    long connects();

    /** @return connections that were up and were lost (not ended on purpose) */
    long connectionLosses();

    /**
     * @return failed connection attempts by cause: {@code refused} (the broker's CONNACK), {@code unreachable}
     *         (nothing listens, no route, unknown host), {@code timeout}, {@code tls}, {@code protocol} (the broker
     *         broke MQTT), {@code closed} (closed before CONNACK), {@code other}; only causes that happened
     */
    Map<String, Long> failedAttempts();

    /** @return QoS 1/2 messages waiting or in flight */
    int queuedMessages();

    /** @return bytes of topic and payload of the messages waiting to be sent */
    long queuedBytes();

    /** @return QoS 1/2 messages sent and not yet acknowledged */
    int inFlightMessages();

    /** @return messages dropped from the full queue ({@code queue_overflow=drop_oldest}) */
    long droppedMessages();

    /** @return messages a listener's full mailbox could not take (see {@link MqttMessageListener}) */
    long listenerOverflows();

    /**
     * @return from publish to the broker's acknowledgement of QoS 1/2 messages acknowledged in the last minute;
     *         empty when there were none
     */
    Optional<Latency> publishLatency();

    /** @return one sample per {@link #SAMPLE_INTERVAL} over the last {@link #HISTORY}, oldest first */
    List<Sample> history();

    /** @return the last {@link #EVENTS_KEPT} connection events, oldest first */
    List<Event> recentEvents();

    /**
     * Publish-to-acknowledgement latency over the last minute. Percentiles are the upper edge of the histogram
     * bucket they fall in (four buckets to each power of two microseconds).
     *
     * @param count messages measured
     * @param p50   the median
     * @param p99   the 99th percentile
     * @param max   the longest
     */
    record Latency(long count, Duration p50, Duration p99, Duration max) {
    }

    /**
     * The traffic of one {@link #SAMPLE_INTERVAL}.
     *
     * @param time            the end of the interval
     * @param inPerSecond     messages received per second, on average
     * @param outPerSecond    messages published per second, on average
     * @param queuedMessages  QoS 1/2 messages waiting or in flight at its end
     */
    record Sample(Instant time, double inPerSecond, double outPerSecond, int queuedMessages) {
    }

    /**
     * Something that happened to the connection.
     *
     * @param time   when it happened (the last time, for an event repeated in a row)
     * @param type   {@code CONNECTED}, {@code CONNECTION_LOST}, {@code ATTEMPT_FAILED}, {@code DISCONNECTED} (on
     *               purpose), {@code SUBSCRIPTION_FAILED}, {@code QUEUE_OVERFLOW} or {@code LISTENER_OVERFLOW}
     * @param detail what a person needs to know: the server, the cause
     * @param count  how many times in a row it happened with this detail
     */
    record Event(Instant time, String type, String detail, int count) {
    }
}
