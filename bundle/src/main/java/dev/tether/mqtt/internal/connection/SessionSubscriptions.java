package dev.tether.mqtt.internal.connection;

import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.internal.codec.PacketType;
import dev.tether.mqtt.internal.codec.ProtocolVersion;
import dev.tether.mqtt.internal.codec.ReasonCodes;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.session.LinkClosedException;
import dev.tether.mqtt.internal.session.SessionLink;
import dev.tether.mqtt.internal.topic.TopicFilter;

/**
 * Keeps the current session's broker subscriptions in line with the registry: subscribes every filter when a
 * session opens, then follows each change, and tells subscribers when the broker acknowledged or refused their
 * filters. Confined to the connection's state machine; what the broker granted is readable from any thread.
 */
final class SessionSubscriptions implements FilterStatus.BrokerAnswers {

    /** Told when the broker refuses a filter. */
    @FunctionalInterface
    interface Rejections {
        void rejected(String filter, int code, String reason);
    }

    private final String name;
    private final Logger logger;
    private final SubscriptionRegistry registry;
    private final Executor loop;
    private final IntSupplier maxQos;
    private final Rejections onRejected;
    private final Runnable onAnswer;
    private final BrokerSubscriptions broker = new BrokerSubscriptions();
    private final Set<String> resubscribing = new HashSet<>();
    private SessionLink link;
    /** Whether the current session's SUBSCRIBEs carry Subscription Identifiers. */
    private volatile boolean identified;

    /**
     * @param loop       runs the broker's answers in the state machine
     * @param onRejected told the filter, the code and the reason when the broker refuses a filter
     * @param onAnswer   told after every broker answer, to see whether re-subscribing is done
     */
    SessionSubscriptions(String name, Logger logger, SubscriptionRegistry registry, Executor loop, IntSupplier maxQos,
            Rejections onRejected, Runnable onAnswer) {
        this.name = name;
        this.logger = logger;
        this.registry = registry;
        this.loop = loop;
        this.maxQos = maxQos;
        this.onRejected = onRejected;
        this.onAnswer = onAnswer;
    }

    /** A session opened on this link: subscribe everything the registry wants. */
    void open(SessionLink opened) {
        link = opened;
        identified = opened.terms().mqtt5() && opened.terms().subscriptionIdentifiersAvailable();
        broker.clear();
        resubscribing.clear();
        resubscribing.addAll(registry.desiredFilters().keySet());
        sync();
    }

    void close() {
        link = null;
        identified = false;
        broker.clear();
        resubscribing.clear();
    }

    /** @return whether every filter wanted when the session opened has had the broker's answer */
    boolean resubscribed() {
        return link != null && resubscribing.isEmpty();
    }

    int size() {
        return broker.size();
    }

    /** @return the QoS the broker granted for the filter in this session; empty while not connected; any thread */
    @Override
    public OptionalInt granted(String filter) {
        return broker.granted(filter);
    }

    /** @return the code with which the broker refused the filter in this session; any thread */
    @Override
    public OptionalInt refusal(String filter) {
        return broker.refusal(filter);
    }

    /** @return the Subscription Identifier of the filter while it is wanted; any thread */
    @Override
    public OptionalInt identifier(String filter) {
        return identified ? broker.identifier(filter) : OptionalInt.empty();
    }

    /** @return the filter a Subscription Identifier stands for in this session; null when none; any thread */
    String filterOf(int identifier) {
        return identified ? broker.filterOf(identifier) : null;
    }

    /** Brings the broker in line with the registry; a no-op while there is no session. */
    void sync() {
        if (link == null) {
            return;
        }
        Map<String, SubscriptionOptions> desired = registry.desiredOptions();
        int cap = maxQos.getAsInt();
        // max_qos may have been lowered since a subscriber asked
        desired.replaceAll((filter, options) -> options.qos() <= cap ? options : new SubscriptionOptions(cap,
            options.noLocal(), options.retainAsPublished(), options.retainHandling()));
        BrokerSubscriptions.Plan plan = broker.plan(desired);
        SessionLink current = link;
        plan.subscribe().forEach((filter, options) -> subscribe(current, filter, options));
        for (String filter : plan.unsubscribe()) {
            try {
                current.unsubscribe(filter, () -> { });
            } catch (LinkClosedException e) {
                // the broker forgets the subscription with the session, or the next session does not make it
                logger.debug("Connection {}: unsubscribe from {} not sent: the connection is closing", name, filter);
            }
        }
        acknowledgeConfirmed();
    }

    private void subscribe(SessionLink current, String filter, SubscriptionOptions options) {
        int qos = options.qos();
        // No Local on a shared subscription is a protocol error [MQTT-3.8.3-4]: the group shares what is published
        Subscribe.Subscription subscription = new Subscribe.Subscription(filter, qos,
            options.noLocal() && !filter.startsWith(TopicFilter.SHARE_PREFIX), options.retainAsPublished(),
            options.retainHandling().ordinal());
        try {
            current.subscribe(subscription, broker.identifier(filter).orElse(0),
                (code, reasonString) -> loop.execute(() -> answered(current, filter, qos, code, reasonString)));
        } catch (LinkClosedException e) {
            // the connection is going away; its loss is reported and the next session subscribes again
            logger.debug("Connection {}: subscribe to {} not sent: the connection is closing", name, filter);
        }
    }

    private void answered(SessionLink answering, String filter, int qos, int code, String reasonString) {
        if (answering != link) {
            return;
        }
        if (ReasonCodes.isFailure(code)) {
            rejected(filter, code, answering.version() == ProtocolVersion.MQTT_5
                ? ReasonCodes.describe(PacketType.SUBACK, code) + (reasonString == null ? "" : ": " + reasonString)
                : "SUBACK failure (0x80)");
            return;
        }
        if (code < qos) {
            logger.info("Connection {}: the broker granted QoS {} for {} (asked for {})", name, code, filter, qos);
        }
        broker.confirm(filter, qos, code);
        resubscribing.remove(filter);
        acknowledgeConfirmed();
        onAnswer.run();
    }

    private void rejected(String filter, int code, String reason) {
        broker.reject(filter, code);
        resubscribing.remove(filter);
        logger.error("Connection {}: the broker rejected the subscription to {}: {}", name, filter, reason);
        onRejected.rejected(filter, code, reason);
        for (Subscriber subscriber : registry.subscribers()) {
            if (subscriber.awaitsAnswer(filter)) {
                // the code too, so acknowledged() fails with the broker's reasonCode() as a refused publish does
                subscriber.filterRejected(filter, code, reason);
            }
        }
        onAnswer.run();
    }

    private void acknowledgeConfirmed() {
        int cap = maxQos.getAsInt();
        for (Subscriber subscriber : registry.subscribers()) {
            if (!subscriber.awaitsAnswers()) {
                continue;
            }
            for (TopicFilter topicFilter : subscriber.filters()) {
                String filter = topicFilter.filter();
                if (subscriber.awaitsAnswer(filter) && broker.isConfirmed(filter, Math.min(subscriber.qos(), cap))) {
                    subscriber.filterAcknowledged(filter);
                }
            }
        }
    }
}
