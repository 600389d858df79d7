package dev.tether.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured MQTT connection (MQTT 3.1.1), kept alive by Tether.
 * <p>
 * Each enabled configuration registers one {@code MqttService} with the service property
 * {@value #CONNECTION_PROPERTY} set to the connection's name ({@value #DEFAULT_CONNECTION} for the
 * singleton configuration). The service object stays registered across reconnects and configuration
 * changes; it is unregistered when the configuration is disabled or deleted. Subscriptions and
 * connection listeners survive reconnects and configuration changes; the ones a bundle opened are
 * closed when that bundle releases the service.
 * <p>
 * All methods are thread safe and never block on the network. Programming errors (null arguments,
 * an invalid topic, a QoS outside 0..2) throw {@link IllegalArgumentException} or
 * {@link NullPointerException} at once; everything that depends on the connection completes the
 * returned stage, exceptionally with an {@link MqttServiceException} when it cannot be done.
 * Stages that the broker's answers complete do so on a Tether thread, never on a network thread,
 * so a dependent action cannot stall the connection; stages rejected at once (queue full, not
 * connected) are already complete when the method returns.
 */
@ProviderType
public interface MqttService {

    /** Service property holding the connection's name. */
    String CONNECTION_PROPERTY = "mqtt.connection";

    /** Name of the connection configured by the singleton PID {@code dev.tether.mqtt}. */
    String DEFAULT_CONNECTION = "default";

    /** Service property holding the configured server URI, for example {@code tcp://localhost:1883}. */
    String SERVER_PROPERTY = "mqtt.server";

    /**
     * Service property holding the client id the connection uses (the configured {@code client_id}, or the id
     * derived from the device id or host name when that is empty). Updated when the configuration changes it.
     */
    String CLIENT_ID_PROPERTY = "mqtt.client_id";

    /**
     * Publishes a message.
     * <p>
     * The QoS is capped at the configured {@code max_qos}. QoS 0 needs a live connection and fails
     * with {@link MqttServiceException.Reason#NOT_CONNECTED} otherwise. QoS 1 and 2 messages published
     * while offline wait, in order, in a queue of at most {@code max_queue_length} messages and go out
     * after the next connect; when the queue is full the stage fails with
     * {@link MqttServiceException.Reason#QUEUE_FULL} (or, with {@code queue_overflow=drop_oldest},
     * the oldest waiting message's stage does). With {@code queue_persistence=file} (the default)
     * a QoS 1 or 2 message is written to the queue file before this method returns, and is sent
     * even after a restart or crash of the gateway: at least once, in order of first sending.
     *
     * @param topic   the topic, without wildcards
     * @param payload the payload, at most 268,435,455 bytes less the topic; the array is not copied,
     *                do not change it afterwards
     * @param qos     0, 1 or 2
     * @param retain  whether the broker keeps the message for later subscribers
     * @return completes when QoS 0 was written to the socket, or the broker acknowledged QoS 1 or 2
     * @throws IllegalArgumentException for an invalid topic, a QoS outside 0..2 or a payload too large
     * @throws NullPointerException     for a null topic or payload
     */
    CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain);

    /**
     * Publishes a UTF-8 text message; see {@link #publish(String, byte[], int, boolean)}.
     *
     * @param topic   the topic, without wildcards
     * @param payload the text, sent UTF-8 encoded
     * @param qos     0, 1 or 2
     * @param retain  whether the broker keeps the message for later subscribers
     * @return completes like {@link #publish(String, byte[], int, boolean)}
     */
    default CompletionStage<Void> publish(String topic, String payload, int qos, boolean retain) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    /**
     * Subscribes a listener to a topic filter.
     * <p>
     * The subscription lives until {@link MqttSubscription#close()}: it is (re-)established at the
     * broker after every connect, before the connection reports {@link ConnectionState#CONNECTED}.
     * Several subscriptions with the same filter share one broker subscription at the highest
     * QoS asked for. Messages reach the listener on a Tether thread, in arrival order; a slow or
     * throwing listener delays or affects nobody else.
     *
     * @param topicFilter a filter, with {@code +} and {@code #} wildcards allowed
     * @param qos         the maximum QoS to receive, 0..2, capped at {@code max_qos}
     * @param listener    receives every message whose topic matches the filter
     * @return the subscription; it is registered at once, even while offline
     */
    MqttSubscription subscribe(String topicFilter, int qos, MqttMessageListener listener);

    /**
     * Adds a listener for connection state changes. It is called on a Tether thread, never on
     * the caller's; events reach it in order.
     *
     * @param listener the listener
     * @return a registration whose {@code close()} removes the listener
     */
    Registration addConnectionListener(ConnectionListener listener);

    /** @return the connection's current state */
    ConnectionState state();

    /**
     * Ends the current connection or connection attempt (sending DISCONNECT, so the broker drops the will) and
     * connects again at once, without waiting for the backoff. Subscriptions, listeners and queued messages are
     * kept. Does nothing while the configuration is invalid or the connection is closed. Returns at once; follow
     * {@link #state()} or a {@link ConnectionListener} for the outcome.
     */
    void reconnect();

    /** @return a consistent snapshot of the connection's status; never contains a secret */
    ConnectionStatus status();

    /** @return the connection's name, the value of {@value #CONNECTION_PROPERTY} */
    String connectionName();
}
