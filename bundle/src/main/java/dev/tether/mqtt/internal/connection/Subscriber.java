package dev.tether.mqtt.internal.connection;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.internal.metrics.ConnectionMeter;
import dev.tether.mqtt.internal.topic.TopicFilter;

/**
 * One listener with the filters it subscribed to. Receives each matching message once, through its
 * own mailbox, however many of its filters match.
 */
final class Subscriber implements MqttSubscription {

    private final List<TopicFilter> filters;
    private final SubscriptionOptions options;
    private final MqttMessageListener listener;
    private final Mailbox mailbox;
    private final Executor completer;
    private final Logger logger;
    private final Consumer<Subscriber> onClose;
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    /** Per filter, in order: whether the broker answered for it. Guarded by this. */
    private final boolean[] answered;
    private int unanswered;
    /** Counted on the reader thread that delivers; only for the log. */
    private volatile long dropped;
    private volatile boolean closed;
    private final ConnectionMeter meter;

    Subscriber(List<TopicFilter> filters, SubscriptionOptions options, MqttMessageListener listener, Mailbox mailbox,
            Executor completer, Logger logger, Consumer<Subscriber> onClose) {
        this(filters, options, listener, mailbox, completer, logger, onClose, null);
    }

    /**
     * @param completer completes {@link #acknowledged()}, so dependent actions never run on the
     *     connection's own thread
     * @param meter     counts the messages its full mailbox drops; null for none
     */
    Subscriber(List<TopicFilter> filters, SubscriptionOptions options, MqttMessageListener listener, Mailbox mailbox,
            Executor completer, Logger logger, Consumer<Subscriber> onClose, ConnectionMeter meter) {
        this.meter = meter;
        this.filters = List.copyOf(filters);
        this.options = options;
        this.listener = listener;
        this.mailbox = mailbox;
        this.completer = completer;
        this.logger = logger;
        this.onClose = onClose;
        this.answered = new boolean[filters.size()];
        this.unanswered = filters.size();
    }

    List<TopicFilter> filters() {
        return filters;
    }

    boolean matches(String topic) {
        for (TopicFilter filter : filters) {
            if (filter.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether one of this subscriber's filters is one of {@code subscribed}, compared as written */
    boolean subscribedToAny(List<String> subscribed) {
        for (TopicFilter filter : filters) {
            if (subscribed.contains(filter.filter())) {
                return true;
            }
        }
        return false;
    }

    void deliver(MqttMessage message) {
        if (closed) {
            return;
        }
        if (!mailbox.offer(() -> invoke(message))) {
            long count = ++dropped;
            if (meter != null) {
                meter.listenerOverflow(String.valueOf(listener), count);
            }
            if (count == 1 || count % 1000 == 0) {
                logger.warn("Listener {} is not keeping up: dropped {} message(s) so far, the latest on {}",
                    listener, count, message.topic());
            }
        }
    }

    private void invoke(MqttMessage message) {
        if (closed) {
            return;
        }
        try {
            listener.messageArrived(message);
        } catch (RuntimeException | Error e) {
            logger.error("Listener {} failed on a message to {}", listener, message.topic(), e);
        }
    }

    /** @return whether the broker has yet to answer for any of this subscriber's filters */
    synchronized boolean awaitsAnswers() {
        return unanswered > 0;
    }

    /** @return whether the broker has yet to answer for this filter of the subscriber's */
    synchronized boolean awaitsAnswer(String filter) {
        for (int i = 0; i < answered.length; i++) {
            if (!answered[i] && filters.get(i).filter().equals(filter)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether that answer was the last one awaited */
    private synchronized boolean answer(String filter) {
        boolean before = unanswered == 0;
        for (int i = 0; i < answered.length; i++) {
            if (!answered[i] && filters.get(i).filter().equals(filter)) {
                answered[i] = true;
                unanswered--;
            }
        }
        return !before && unanswered == 0;
    }

    void filterAcknowledged(String filter) {
        if (answer(filter)) {
            completeLater(() -> acknowledged.complete(null));
        }
    }

    void filterRejected(String filter, String reason) {
        filterRejected(filter, -1, reason);
    }

    /**
     * @param code the SUBACK's reason code (an MQTT 5 code, 0x80 on MQTT 3.1.1), which the failure's
     *     {@link MqttServiceException#reasonCode()} carries as for a refused publish; -1 when unknown
     */
    void filterRejected(String filter, int code, String reason) {
        answer(filter);
        String message = "the broker rejected the subscription to '" + filter + "': " + reason;
        completeLater(() -> acknowledged.completeExceptionally(code < 0
            ? new MqttServiceException(MqttServiceException.Reason.BROKER_REJECTED, message)
            : new MqttServiceException(MqttServiceException.Reason.BROKER_REJECTED, code, message)));
    }

    private void completeLater(Runnable completion) {
        try {
            completer.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    @Override
    public String topicFilter() {
        return filters.get(0).filter();
    }

    @Override
    public int qos() {
        return options.qos();
    }

    @Override
    public SubscriptionOptions options() {
        return options;
    }

    @Override
    public CompletionStage<Void> acknowledged() {
        return acknowledged.minimalCompletionStage();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        acknowledged.completeExceptionally(new MqttServiceException(MqttServiceException.Reason.CLOSED,
            "the subscription was closed"));
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "Subscription" + filters + " qos " + options.qos();
    }
}
