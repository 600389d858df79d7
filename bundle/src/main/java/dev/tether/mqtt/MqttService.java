package dev.tether.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured MQTT connection (MQTT 5 or 3.1.1, see {@code protocol_version}), kept alive by Tether.
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
     * Publishes a message with MQTT 5 properties; otherwise like {@link #publish(String, byte[], int, boolean)}.
     * On an MQTT 3.1.1 connection the properties are not sent. When the broker refuses the message (an MQTT 5
     * PUBACK or PUBREC reason code of 0x80 or above, for example 0x87 Not authorized), the stage fails with
     * {@link MqttServiceException.Reason#BROKER_REJECTED} carrying the code and the broker's Reason String; a
     * message larger than the broker's Maximum Packet Size fails at once with
     * {@link MqttServiceException.Reason#TOO_LARGE} and is never sent.
     *
     * @param message the message
     * @return completes when QoS 0 was written to the socket, or the broker acknowledged QoS 1 or 2
     * @throws IllegalArgumentException for an invalid topic or a payload too large for MQTT
     * @since 1.4
     */
    CompletionStage<Void> publish(OutgoingMessage message);

    /**
     * Sends a request and waits for its response (MQTT 5 request/response, 4.10). Tether sets the Response Topic
     * (unless the message has one) to this connection's response topic, below the broker's Response Information
     * when it offers one, and a Correlation Data (unless the message has one) that tells the responses apart; one
     * subscription per connection serves every request. A responder answers with
     * {@link #respond(MqttMessage, byte[])}.
     *
     * @param request the request; its QoS is used for the request, and the response subscription is QoS 1
     * @param timeout how long to wait for the response
     * @return completes with the response; fails with {@link MqttServiceException.Reason#TIMEOUT} when none came in
     *         time, with {@link MqttServiceException.Reason#NOT_SUPPORTED} on an MQTT 3.1.1 connection (request and
     *         response need MQTT 5's properties), or like a publish when the request could not be sent
     * @since 1.4
     */
    CompletionStage<MqttMessage> request(OutgoingMessage request, Duration timeout);

    /**
     * Answers a request: publishes the payload to the request's Response Topic with its Correlation Data, at the
     * request's QoS.
     *
     * @param request the request received, with a Response Topic
     * @param payload the answer
     * @return completes like {@link #publish(OutgoingMessage)}
     * @throws IllegalArgumentException when the request has no Response Topic
     * @since 1.4
     */
    default CompletionStage<Void> respond(MqttMessage request, byte[] payload) {
        String responseTopic = request.properties().responseTopic().orElseThrow(() -> new IllegalArgumentException(
            "the message on " + request.topic() + " is not a request: it has no response topic"));
        OutgoingMessage.Builder response = OutgoingMessage.to(responseTopic).payload(payload).qos(request.qos());
        request.properties().correlationData().ifPresent(response::correlationData);
        return publish(response.build());
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
     * Subscribes a listener to a topic filter with MQTT 5 subscription options; otherwise like
     * {@link #subscribe(String, int, MqttMessageListener)}. On MQTT 3.1.1 only the QoS is used.
     *
     * @param topicFilter a filter, with {@code +} and {@code #} wildcards allowed, or a shared subscription
     *                    {@code $share/group/filter}
     * @param options     the QoS (capped at {@code max_qos}) and the subscription options
     * @param listener    receives every message whose topic matches the filter
     * @return the subscription; it is registered at once, even while offline
     * @since 1.4
     */
    MqttSubscription subscribe(String topicFilter, SubscriptionOptions options, MqttMessageListener listener);

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

    /**
     * @return what the connection has done since it was configured: traffic per QoS, connects and failures by cause,
     *         the queue, latency, the last 15 minutes and the last connection events. Also readable over JMX as
     *         {@code dev.tether.mqtt:type=Connection,name=<name>}. Since 1.4.
     */
    ConnectionMetrics metrics();

    /** @return the connection's name, the value of {@value #CONNECTION_PROPERTY} */
    String connectionName();
}
