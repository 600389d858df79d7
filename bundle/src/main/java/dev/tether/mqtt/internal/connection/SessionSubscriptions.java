package dev.tether.mqtt.internal.connection;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.service.log.Logger;

/**
 * Keeps the current session's broker subscriptions in line with the registry: subscribes every
 * filter when a session opens, then follows each change, and tells subscribers when the broker
 * acknowledged or rejected their filters. Confined to the connection's loop thread.
 */
final class SessionSubscriptions {

    private static final int SUBACK_FAILURE = 0x80;

    private final String name;
    private final Logger logger;
    private final SubscriptionRegistry registry;
    private final Executor loop;
    private final IntSupplier maxQos;
    private final BiConsumer<String, String> onRejected;
    private final Runnable onAnswer;
    private final BrokerSubscriptions broker = new BrokerSubscriptions();
    private final Set<String> resubscribing = new HashSet<>();
    private MqttAsyncClient client;

    /**
     * @param loop       runs broker answers on the loop thread
     * @param onRejected told the filter and the reason when the broker rejects a filter
     * @param onAnswer   told after every broker answer, to see whether re-subscribing is done
     */
    SessionSubscriptions(String name, Logger logger, SubscriptionRegistry registry, Executor loop, IntSupplier maxQos,
            BiConsumer<String, String> onRejected, Runnable onAnswer) {
        this.name = name;
        this.logger = logger;
        this.registry = registry;
        this.loop = loop;
        this.maxQos = maxQos;
        this.onRejected = onRejected;
        this.onAnswer = onAnswer;
    }

    /** A session opened on this client: subscribe everything the registry wants. */
    void open(MqttAsyncClient opened) {
        client = opened;
        broker.clear();
        resubscribing.clear();
        resubscribing.addAll(registry.desiredFilters().keySet());
        sync();
    }

    void close() {
        client = null;
        broker.clear();
        resubscribing.clear();
    }

    /** @return whether every filter wanted when the session opened has had the broker's answer */
    boolean resubscribed() {
        return client != null && resubscribing.isEmpty();
    }

    int size() {
        return broker.size();
    }

    /** Brings the broker in line with the registry; a no-op while there is no session. */
    void sync() {
        if (client == null) {
            return;
        }
        Map<String, Integer> desired = registry.desiredFilters();
        int cap = maxQos.getAsInt();
        // max_qos may have been lowered since a subscriber asked
        desired.replaceAll((filter, qos) -> Math.min(qos, cap));
        BrokerSubscriptions.Plan plan = broker.plan(desired);
        MqttAsyncClient current = client;
        plan.subscribe().forEach((filter, qos) -> subscribe(current, filter, qos));
        for (String filter : plan.unsubscribe()) {
            try {
                current.unsubscribe(filter);
            } catch (MqttException e) {
                logger.debug("Connection {}: unsubscribe from {} failed: {}", name, filter, e.getMessage());
            }
        }
        acknowledgeConfirmed();
    }

    private void subscribe(MqttAsyncClient current, String filter, int qos) {
        try {
            current.subscribe(filter, qos, null, PahoClients.listener(
                token -> loop.execute(() -> answered(current, filter, qos, token)),
                (token, error) -> loop.execute(() -> rejected(current, filter, PahoClients.describe(error)))));
        } catch (MqttException e) {
            // the connection is going away; its loss is reported and the next session subscribes again
            logger.debug("Connection {}: subscribe to {} failed: {}", name, filter, e.getMessage());
        }
    }

    private void answered(MqttAsyncClient answering, String filter, int qos, IMqttToken token) {
        int[] granted = token.getGrantedQos();
        if (granted != null && granted.length > 0 && granted[0] == SUBACK_FAILURE) {
            rejected(answering, filter, "SUBACK failure (0x80)");
            return;
        }
        if (answering != client) {
            return;
        }
        broker.confirm(filter, qos);
        resubscribing.remove(filter);
        acknowledgeConfirmed();
        onAnswer.run();
    }

    private void rejected(MqttAsyncClient answering, String filter, String reason) {
        if (answering != client) {
            return;
        }
        broker.reject(filter);
        resubscribing.remove(filter);
        logger.error("Connection {}: the broker rejected the subscription to {}: {}", name, filter, reason);
        onRejected.accept(filter, reason);
        for (Subscriber subscriber : registry.subscribers()) {
            if (subscriber.unacknowledgedFilters().contains(filter)) {
                subscriber.filterRejected(filter, reason);
            }
        }
        onAnswer.run();
    }

    private void acknowledgeConfirmed() {
        int cap = maxQos.getAsInt();
        for (Subscriber subscriber : registry.subscribers()) {
            for (String filter : subscriber.unacknowledgedFilters()) {
                if (broker.isConfirmed(filter, Math.min(subscriber.qos(), cap))) {
                    subscriber.filterAcknowledged(filter);
                }
            }
        }
    }
}
