package dev.tether.mqtt.internal.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import dev.tether.mqtt.ConnectionMetrics;

/**
 * Counts what one connection does, for {@link ConnectionMetrics}: called on the network threads for every message,
 * so counting is an add to a {@link LongAdder} and nothing is allocated; the rest (connects, failures, events) is
 * rare. Thread safe.
 */
public final class ConnectionMeter {

    /** What the meter reads of the queue when a snapshot is taken. */
    public interface QueueFigures {
        int queued();

        long queuedBytes();

        int inFlight();

        long dropped();
    }

    /**
     * The system property {@code tether.metrics=off}, read when a connection is created, leaves the per-message counts
     * of that connection out: for the benchmark, which measures what they cost beside connections that count.
     * Connects, failures and events are still counted.
     */
    private final boolean countMessages = !"off".equals(System.getProperty("tether.metrics"));

    private final String name;
    private final Clock clock;
    private final LongAdder[] messagesIn = adders();
    private final LongAdder[] bytesIn = adders();
    private final LongAdder[] messagesOut = adders();
    private final LongAdder[] bytesOut = adders();
    private final LongAdder connects = new LongAdder();
    private final LongAdder losses = new LongAdder();
    private final LongAdder overflows = new LongAdder();
    private final LongAdder[] failures = new LongAdder[FailureCause.values().length];
    private final LatencyWindow latency = new LatencyWindow();
    private final TrafficHistory history = new TrafficHistory();
    private final EventLog events;

    public ConnectionMeter(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.events = new EventLog(clock);
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new LongAdder();
        }
    }

    private static LongAdder[] adders() {
        return new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()};
    }

    /** A message arrived from the broker (delivered or, over {@code recv_mbuf_limit}, skipped). */
    public void received(int qos, int payloadBytes) {
        if (!countMessages) {
            return;
        }
        messagesIn[qos].increment();
        bytesIn[qos].add(payloadBytes);
    }

    /**
     * A published message completed: QoS 0 written, QoS 1/2 acknowledged.
     *
     * @param acceptedAtNanos when it was published ({@link System#nanoTime()}), for the latency of QoS 1/2
     */
    public void sent(int qos, int payloadBytes, long acceptedAtNanos) {
        if (!countMessages) {
            return;
        }
        messagesOut[qos].increment();
        bytesOut[qos].add(payloadBytes);
        if (qos > 0) {
            long now = System.nanoTime();
            latency.record(now - acceptedAtNanos, now);
        }
    }

    public void connected(String detail) {
        connects.increment();
        events.add("CONNECTED", detail);
    }

    public void connectionLost(String detail) {
        losses.increment();
        events.add("CONNECTION_LOST", detail);
    }

    public void attemptFailed(Throwable cause, String detail) {
        failures[FailureCause.of(cause).ordinal()].increment();
        events.add("ATTEMPT_FAILED", detail);
    }

    /** The connection was ended on purpose: a configuration change, a reconnect asked for, a shutdown. */
    public void disconnected(String detail) {
        events.add("DISCONNECTED", detail);
    }

    public void subscriptionFailed(String detail) {
        events.add("SUBSCRIPTION_FAILED", detail);
    }

    public void queueOverflow(String detail) {
        events.add("QUEUE_OVERFLOW", detail);
    }

    /**
     * A listener's mailbox was full: the message was dropped for it.
     *
     * @param dropped how many this listener has dropped so far; the first and every thousandth are events too
     */
    public void listenerOverflow(String listener, long dropped) {
        overflows.increment();
        if (dropped == 1 || dropped % 1000 == 0) {
            events.add("LISTENER_OVERFLOW", listener + " is not keeping up: " + dropped + " message(s) dropped for it");
        }
    }

    /** Takes a history sample; called every {@link ConnectionMetrics#SAMPLE_INTERVAL}. */
    public void sample(QueueFigures queue) {
        history.sample(clock.instant(), System.nanoTime(), total(messagesIn), total(messagesOut), queue.queued());
    }

    private static long total(LongAdder[] perQos) {
        return perQos[0].sum() + perQos[1].sum() + perQos[2].sum();
    }

    public ConnectionMetrics snapshot(QueueFigures queue) {
        Map<String, Long> failed = new TreeMap<>();
        for (FailureCause cause : FailureCause.values()) {
            long count = failures[cause.ordinal()].sum();
            if (count > 0) {
                failed.put(cause.label(), count);
            }
        }
        return new MetricsSnapshot(name, clock.instant(), sums(messagesIn), sums(bytesIn), sums(messagesOut),
            sums(bytesOut), connects.sum(), losses.sum(), failed, queue.queued(), queue.queuedBytes(),
            queue.inFlight(), queue.dropped(), overflows.sum(), latency.snapshot(System.nanoTime()),
            history.samples(), events.events());
    }

    private static long[] sums(LongAdder[] perQos) {
        return new long[] {perQos[0].sum(), perQos[1].sum(), perQos[2].sum()};
    }
}
