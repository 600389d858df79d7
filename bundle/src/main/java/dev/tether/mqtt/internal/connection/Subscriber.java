package dev.tether.mqtt.internal.connection;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.internal.topic.TopicFilter;

/**
 * One listener with the filters it subscribed to. Receives each matching message once, through its
 * own mailbox, however many of its filters match.
 */
final class Subscriber implements MqttSubscription {

    private final List<TopicFilter> filters;
    private final int qos;
    private final MqttMessageListener listener;
    private final Mailbox mailbox;
    private final Executor completer;
    private final Logger logger;
    private final Consumer<Subscriber> onClose;
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    private final Set<String> unacknowledged = new HashSet<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param completer completes {@link #acknowledged()}, so dependent actions never run on the
     *     connection's own thread
     */
    Subscriber(List<TopicFilter> filters, int qos, MqttMessageListener listener, Mailbox mailbox, Executor completer,
            Logger logger, Consumer<Subscriber> onClose) {
        this.filters = List.copyOf(filters);
        this.qos = qos;
        this.listener = listener;
        this.mailbox = mailbox;
        this.completer = completer;
        this.logger = logger;
        this.onClose = onClose;
        filters.forEach(filter -> unacknowledged.add(filter.filter()));
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

    void deliver(MqttMessage message) {
        if (closed) {
            return;
        }
        if (!mailbox.offer(() -> invoke(message))) {
            long count = dropped.incrementAndGet();
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

    synchronized Set<String> unacknowledgedFilters() {
        return Set.copyOf(unacknowledged);
    }

    void filterAcknowledged(String filter) {
        boolean complete;
        synchronized (this) {
            complete = unacknowledged.remove(filter) && unacknowledged.isEmpty();
        }
        if (complete) {
            completeLater(() -> acknowledged.complete(null));
        }
    }

    void filterRejected(String filter, String reason) {
        synchronized (this) {
            unacknowledged.remove(filter);
        }
        completeLater(() -> acknowledged.completeExceptionally(new MqttServiceException(
            MqttServiceException.Reason.BROKER_REJECTED,
            "the broker rejected the subscription to '" + filter + "': " + reason)));
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
        return qos;
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
        return "Subscription" + filters + " qos " + qos;
    }
}
