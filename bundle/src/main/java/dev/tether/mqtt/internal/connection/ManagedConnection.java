package dev.tether.mqtt.internal.connection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.Registration;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.topic.TopicFilter;
import dev.tether.mqtt.internal.topic.Topics;

/**
 * One named connection for its whole life: it outlives every configuration change and reconnect,
 * and keeps the subscriptions, the outbound queue and the listeners across them. The state machine
 * ({@link ConnectionLoop}) runs on one thread of its own; publish and subscribe are safe from any thread.
 */
public final class ManagedConnection {

    private static final int LISTENER_MAILBOX_CAPACITY = 10_000;
    private static final long CLOSE_TIMEOUT_MILLIS = 5000;

    private final String name;
    private final Logger logger;
    private final ConnectionThreads threads;
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final OutboundQueue outbound;
    private final ConnectionListeners listeners;
    private final ConnectionLoop loop;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();

    public ManagedConnection(String name, Logger logger, ClockCheck clockCheck) {
        this.name = name;
        this.logger = logger;
        this.threads = new ConnectionThreads(name);
        this.outbound = new OutboundQueue(PahoClients.MAX_INFLIGHT, 0, threads.delivery());
        this.listeners = new ConnectionListeners(threads.delivery(), logger);
        this.loop = new ConnectionLoop(name, logger, threads.loop(), registry, outbound, listeners, this::status,
            new Callback(), clockCheck);
    }

    public String name() {
        return name;
    }

    /** Applies a (new) configuration: connects, reconnects to new settings, or stops on invalid ones. */
    public void apply(ParsedConfiguration configuration) {
        configuration.settings().ifPresent(settings -> outbound.setCapacity(settings.maxQueueLength()));
        execute(() -> loop.apply(configuration));
    }

    public CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        Objects.requireNonNull(payload, "payload");
        Topics.requireValidTopic(topic);
        Topics.requireValidQos(qos);
        ParsedConfiguration configuration = loop.configuration();
        if (configuration != null && configuration.settings().isEmpty()) {
            return CompletableFuture.failedFuture(new MqttServiceException(Reason.CONFIGURATION_ERROR,
                "connection '" + name + "' is not configured correctly: " + configuration.describeProblems()));
        }
        OutboundMessage message = new OutboundMessage(topic, payload, Math.min(qos, loop.maxQos()), retain);
        outbound.publish(message);
        return message.completion.minimalCompletionStage();
    }

    public MqttSubscription subscribe(List<String> filters, int qos, MqttMessageListener listener) {
        Objects.requireNonNull(listener, "listener");
        Topics.requireValidQos(qos);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("at least one topic filter is needed");
        }
        List<TopicFilter> parsed = filters.stream().map(TopicFilter::of).toList();
        Subscriber subscriber = new Subscriber(parsed, Math.min(qos, loop.maxQos()), listener,
            new Mailbox(threads.delivery(), LISTENER_MAILBOX_CAPACITY), threads.delivery(), logger, this::unsubscribe);
        registry.add(subscriber);
        execute(loop::syncSubscriptions);
        return subscriber;
    }

    private void unsubscribe(Subscriber subscriber) {
        registry.remove(subscriber);
        execute(loop::syncSubscriptions);
    }

    public Registration addConnectionListener(ConnectionListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public ConnectionState state() {
        return loop.state();
    }

    public ConnectionStatus status() {
        ParsedConfiguration configuration = loop.configuration();
        String server = configuration == null ? "" : configuration.server();
        String clientId = configuration == null ? "" : configuration.clientId();
        Instant since = loop.connectedSince();
        return new StatusSnapshot(name, loop.state(), server, clientId, Optional.ofNullable(since),
            loop.reconnectAttempts(), Optional.ofNullable(loop.lastError()), registry.desiredFilters().size(),
            outbound.size(), sent.get(), received.get());
    }

    /**
     * Disconnects gracefully (the broker drops the will), fails what is still queued, and ends
     * every thread of this connection. Waits a few seconds at most.
     */
    public void close() {
        try {
            threads.loop().submit(loop::close).get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            logger.warn("Connection {} did not close cleanly", name, e);
        }
        outbound.close(new MqttServiceException(Reason.CLOSED, "the MQTT connection '" + name + "' was shut down"));
        registry.closeAll();
        listeners.clear();
        threads.shutdown();
    }

    private void execute(Runnable task) {
        loop.later(task);
    }

    /** Paho's callbacks for the loop's current client; events of an older client are ignored there. */
    final class Callback {

        MqttCallback forClient(MqttAsyncClient client) {
            return new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    execute(() -> loop.connectionLost(client, cause));
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    dispatch(topic, message);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // completions are reported per message through each publish's own listener
                }
            };
        }

        OutboundQueue.Transport transport(MqttAsyncClient client) {
            return (message, attempt) -> {
                try {
                    client.publish(message.topic, message.payload, message.qos, message.retain, null,
                        PahoClients.listener(token -> {
                            sent.incrementAndGet();
                            outbound.completed(message, attempt);
                        }, (token, error) -> outbound.failed(message, attempt, publishFailure(message, error),
                            PahoClients.isConnectionLoss(error))));
                } catch (MqttException e) {
                    if (PahoClients.isConnectionLoss(e)) {
                        throw new OutboundQueue.TransportClosedException(e);
                    }
                    throw publishFailure(message, e);
                }
            };
        }
    }

    private static MqttServiceException publishFailure(OutboundMessage message, Throwable error) {
        Reason reason = PahoClients.isConnectionLoss(error) ? Reason.NOT_CONNECTED : Reason.BROKER_REJECTED;
        return new MqttServiceException(reason,
            "publishing to " + message.topic + " failed: " + PahoClients.describe(error), error);
    }

    private void dispatch(String topic, org.eclipse.paho.client.mqttv3.MqttMessage received) {
        this.received.incrementAndGet();
        byte[] payload = received.getPayload();
        int limit = loop.maxInboundPayload();
        if (limit > 0 && payload.length > limit) {
            long count = oversized.incrementAndGet();
            logger.warn("Connection {}: dropped a {}-byte message to {}: larger than recv_mbuf_limit={} ({} so far)",
                name, payload.length, topic, limit, count);
            return;
        }
        MqttMessage message = new MqttMessage(topic, payload, received.getQos(), received.isRetained(),
            received.isDuplicate());
        if (registry.dispatch(message) == 0) {
            logger.debug("Connection {}: no listener for a message to {}", name, topic);
        }
    }
}
