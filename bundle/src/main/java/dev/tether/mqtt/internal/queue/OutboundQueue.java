package dev.tether.mqtt.internal.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.internal.config.QueueOverflow;

/**
 * Decides what happens to each published message and keeps QoS 1/2 messages until the broker
 * acknowledges them: sent at once when connected and nothing waits ahead of them, else queued in
 * order (bounded), and re-queued ahead of newer ones when the connection drops before the
 * acknowledgement. Thread safe; futures complete outside the lock, and the broker's answers
 * complete them on the given executor, so a caller's dependent action never blocks the network threads.
 */
public final class OutboundQueue {

    /** Hands a message to the live connection; the transport reports back through the queue. */
    public interface Transport {
        /**
         * @throws TransportClosedException when the connection is gone; the message is kept
         * @throws Exception for a failure of this message alone
         */
        void send(OutboundMessage message, int attempt) throws Exception;
    }

    /** The connection went away while sending; the message waits for the next one. */
    public static final class TransportClosedException extends Exception {
        private static final long serialVersionUID = 1L;

        public TransportClosedException(Throwable cause) {
            super(cause);
        }
    }

    /** Connection drops in a row, with the same oldest unacknowledged message, that mark it as poison. */
    public static final int POISON_LIMIT = PoisonWatch.LIMIT;

    private final Executor completer;
    private final Consumer<OutboundMessage> forget;
    private final WaitingMessages waiting = new WaitingMessages();
    private final InFlight inflight;
    private int capacity;
    private long capacityBytes = Long.MAX_VALUE;
    private QueueOverflow overflow = QueueOverflow.REJECT;
    private long dropped;
    /** Set by the first overflow, cleared when a message fits again: one announcement per episode. */
    private boolean overflowing;
    private Runnable onOverflow = () -> { };
    private final PoisonWatch poison = new PoisonWatch();
    private Transport transport;
    private MqttServiceException closedReason;
    /** Completions decided under the lock, run after it is released so no user callback runs locked. */
    private List<Runnable> deferred = new ArrayList<>();

    /**
     * @param window    most QoS 1/2 messages sent and not yet acknowledged
     * @param capacity  most messages waiting for a connection ({@code max_queue_length})
     * @param completer runs the completions that the broker's answers cause
     * @param forget    told of every message that leaves the queue for good (acknowledged, failed, dropped)
     */
    public OutboundQueue(int window, int capacity, Executor completer, Consumer<OutboundMessage> forget) {
        this.inflight = new InFlight(window);
        this.capacity = capacity;
        this.completer = completer;
        this.forget = forget;
    }

    /** @param capacityBytes most bytes of topics and payloads waiting ({@code max_queue_bytes}) */
    public synchronized void setCapacity(int capacity, long capacityBytes, QueueOverflow overflow) {
        this.capacity = capacity;
        this.capacityBytes = capacityBytes;
        this.overflow = overflow;
    }

    /** Puts messages kept by an earlier run ahead of everything else, in their order. */
    public void restore(List<OutboundMessage> recovered) {
        List<Runnable> completions;
        synchronized (this) {
            for (int i = recovered.size() - 1; i >= 0; i--) {
                waiting.addFirst(recovered.get(i));
            }
            drain();
            completions = takeDeferred();
        }
        completions.forEach(Runnable::run);
    }

    /** @return every message not yet acknowledged: unacknowledged ones first, then the waiting ones */
    public synchronized List<OutboundMessage> pending() {
        List<OutboundMessage> all = new ArrayList<>(inflight.snapshot());
        waiting.copyTo(all);
        return all;
    }

    public void publish(OutboundMessage message) {
        List<Runnable> completions;
        synchronized (this) {
            MqttServiceException rejection = accept(message);
            if (rejection != null) {
                fail(message, rejection);
            }
            completions = takeDeferred();
        }
        completions.forEach(Runnable::run);
    }

    private void fail(OutboundMessage message, Throwable error) {
        deferred.add(() -> {
            forget.accept(message);
            message.completion.completeExceptionally(error);
        });
    }

    private List<Runnable> takeDeferred() {
        if (deferred.isEmpty()) {
            return List.of();
        }
        List<Runnable> taken = deferred;
        deferred = new ArrayList<>();
        return taken;
    }

    private MqttServiceException accept(OutboundMessage message) {
        if (closedReason != null) {
            return closedReason;
        }
        if (message.qos == 0) {
            if (transport == null) {
                return new MqttServiceException(Reason.NOT_CONNECTED,
                    "not connected: QoS 0 messages are not queued (topic " + message.topic + ")");
            }
            return sendNow(message) ? null : notConnected(message);
        }
        if (transport != null && waiting.isEmpty() && inflight.hasRoomFor(message) && sendNow(message)) {
            return null;
        }
        long bytes = WaitingMessages.bytesOf(message);
        if (bytes > capacityBytes) {
            return new MqttServiceException(Reason.QUEUE_FULL, "the message to " + message.topic + " (" + bytes
                + " bytes of topic and payload) is larger than the whole queue may hold (max_queue_bytes="
                + capacityBytes + ")");
        }
        if (!fits(bytes)) {
            if (!overflowing) {
                overflowing = true;
                completer.execute(onOverflow);
            }
            if (overflow == QueueOverflow.REJECT || waiting.isEmpty()) {
                return new MqttServiceException(Reason.QUEUE_FULL, "the queue is full (" + limits()
                    + "; queue_overflow=reject): message to " + message.topic + " not accepted");
            }
            while (!fits(bytes) && !waiting.isEmpty()) {
                OutboundMessage oldest = waiting.pollFirst();
                dropped++;
                fail(oldest, new MqttServiceException(Reason.QUEUE_FULL, "dropped from the full queue (" + limits()
                    + "; queue_overflow=drop_oldest) to make room for a newer message"));
            }
        } else {
            overflowing = false;
        }
        waiting.addLast(message);
        return null;
    }

    private boolean fits(long bytes) {
        return waiting.size() < capacity && waiting.bytes() + bytes <= capacityBytes;
    }

    private String limits() {
        return waiting.size() + " messages waiting of max_queue_length=" + capacity + ", " + waiting.bytes()
            + " bytes of max_queue_bytes=" + capacityBytes;
    }

    /** @param announce run (on the completion executor) when the queue becomes full */
    public synchronized void onOverflow(Runnable announce) {
        onOverflow = announce;
    }

    private static MqttServiceException notConnected(OutboundMessage message) {
        return new MqttServiceException(Reason.NOT_CONNECTED,
            "the connection dropped: QoS 0 message to " + message.topic + " not sent");
    }

    /** @return false when the transport turned out to be closed; a QoS 1/2 message then stays queued */
    private boolean sendNow(OutboundMessage message) {
        // a QoS 2 message the broker has (PUBREC) finishes its handshake whatever its age
        if (!message.released() && message.expired(System.currentTimeMillis())) {
            fail(message, new MqttServiceException(Reason.EXPIRED, "the message to " + message.topic + " expired"
                + " after waiting " + message.expirySeconds() + " s in the queue (its message expiry interval); not"
                + " sent"));
            return true;
        }
        int attempt = ++message.attempt;
        if (message.qos > 0) {
            message.sentAtNanos = System.nanoTime();
            inflight.add(message);
        }
        try {
            transport.send(message, attempt);
            return true;
        } catch (TransportClosedException e) {
            transport = null;
            if (message.qos > 0) {
                inflight.remove(message);
                waiting.addFirst(message);
                return true;
            }
            return false;
        } catch (Exception e) {
            inflight.remove(message);
            fail(message, e);
            return true;
        }
    }

    /** The connection is up: send what waits, oldest first. */
    public void connected(Transport transport) {
        connected(transport, Integer.MAX_VALUE);
    }

    /**
     * The connection is up: send what waits, oldest first, with at most {@code receiveMaximum} QoS 1/2 messages
     * unacknowledged (the broker's MQTT 5 Receive Maximum) beside the queue's own window.
     */
    public void connected(Transport transport, int receiveMaximum) {
        List<Runnable> completions;
        synchronized (this) {
            this.transport = transport;
            inflight.limitTo(receiveMaximum);
            drain();
            completions = takeDeferred();
        }
        completions.forEach(Runnable::run);
    }

    private void drain() {
        while (transport != null && !waiting.isEmpty() && inflight.hasRoomFor(waiting.peekFirst())) {
            OutboundMessage next = waiting.pollFirst();
            if (!sendNow(next) || transport == null) {
                return;
            }
        }
    }

    /**
     * The connection is gone ({@code lost}: dropped, not ended on purpose): unacknowledged messages
     * go back to the front of the queue, in order.
     * A message the broker will not take (see {@link PoisonWatch}) is failed so that it does not block the queue
     * for ever.
     */
    public void disconnected(boolean lost) {
        List<Runnable> completions;
        synchronized (this) {
            transport = null;
            List<OutboundMessage> unacknowledged = inflight.clear();
            if (lost && !unacknowledged.isEmpty()) {
                OutboundMessage oldest = unacknowledged.get(0);
                if (poison.droppedWith(oldest)) {
                    unacknowledged.remove(0);
                    fail(oldest, new MqttServiceException(Reason.BROKER_REJECTED, "the broker closed the connection"
                        + " each of the " + POISON_LIMIT + " times the message to " + oldest.topic + " ("
                        + oldest.payload.length + " bytes) was sent; it is dropped so the queue can move on"
                        + " (larger than the broker accepts?)"));
                }
            }
            for (int i = unacknowledged.size() - 1; i >= 0; i--) {
                waiting.addFirst(unacknowledged.get(i));
            }
            completions = takeDeferred();
        }
        if (!completions.isEmpty()) {
            runAll(() -> { }, completions);
        }
    }

    /** The broker acknowledged the message (or, for QoS 0, it was written). */
    public void completed(OutboundMessage message, int attempt) {
        List<Runnable> completions;
        synchronized (this) {
            if (message.attempt != attempt || message.qos > 0 && !inflight.remove(message)) {
                return;
            }
            if (message.qos > 0) {
                poison.acknowledged();
            }
            drain();
            completions = takeDeferred();
        }
        forget.accept(message);
        runAll(() -> message.completion.complete(null), completions);
    }

    /**
     * Sending failed. When the connection dropped, a QoS 1/2 message is left for
     * {@link #disconnected(boolean)} to re-queue; any other failure fails the message.
     */
    public void failed(OutboundMessage message, int attempt, Throwable error, boolean connectionLost) {
        List<Runnable> completions;
        synchronized (this) {
            if (message.attempt != attempt || message.qos > 0 && (connectionLost || !inflight.remove(message))) {
                return;
            }
            // the failed message's slot in the window is free: the next waiting one may go
            drain();
            completions = takeDeferred();
        }
        forget.accept(message);
        runAll(() -> message.completion.completeExceptionally(error), completions);
    }

    private void runAll(Runnable completion, List<Runnable> more) {
        Runnable all = more.isEmpty() ? completion : () -> {
            completion.run();
            more.forEach(Runnable::run);
        };
        try {
            completer.execute(all);
        } catch (RejectedExecutionException e) {
            all.run();
        }
    }

    /**
     * Fails every waiting and unacknowledged message; later publishes fail at once. The journal
     * keeps them: a persistent queue sends them after the next start.
     */
    public void close(MqttServiceException reason) {
        List<OutboundMessage> failed;
        synchronized (this) {
            closedReason = reason;
            transport = null;
            failed = inflight.clear();
            waiting.drainTo(failed);
        }
        failed.forEach(message -> message.completion.completeExceptionally(reason));
    }

    public synchronized int size() {
        return waiting.size() + inflight.size();
    }

    /** @return how full the queue of waiting messages is: the larger of its count and bytes against their limits */
    public synchronized double fill() {
        double byCount = capacity == 0 ? (waiting.isEmpty() ? 0 : 1) : (double) waiting.size() / capacity;
        return Math.max(byCount, (double) waiting.bytes() / capacityBytes);
    }

    /** @return bytes of topic and payload of the messages waiting to be sent (not those in flight) */
    public synchronized long waitingBytes() {
        return waiting.bytes();
    }

    public synchronized int inflightCount() {
        return inflight.size();
    }

    public synchronized long droppedCount() {
        return dropped;
    }

    /** @return when the oldest message in flight was sent ({@link System#nanoTime()}), if one is */
    public synchronized OptionalLong oldestSentAt() {
        return inflight.isEmpty() ? OptionalLong.empty() : OptionalLong.of(inflight.iterator().next().sentAtNanos);
    }

    /** @return when the oldest unacknowledged message was accepted, in epoch milliseconds, if there is one */
    public synchronized OptionalLong oldestAcceptedAt() {
        OptionalLong oldest = OptionalLong.empty();
        if (!inflight.isEmpty()) {
            oldest = OptionalLong.of(inflight.iterator().next().acceptedAtMillis);
        }
        if (!waiting.isEmpty()) {
            long first = waiting.peekFirst().acceptedAtMillis;
            oldest = OptionalLong.of(oldest.isPresent() ? Math.min(oldest.getAsLong(), first) : first);
        }
        return oldest;
    }
}
