package dev.tether.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** A message received from the broker. Immutable apart from the payload array it hands out. */
public final class MqttMessage {

    private final String topic;
    private final byte[] payload;
    private final int qos;
    private final boolean retained;
    private final boolean duplicate;
    private final MessageProperties properties;
    private final List<Integer> subscriptionIdentifiers;

    /**
     * @param topic     the topic the message was published to
     * @param payload   the payload, not copied
     * @param qos       the QoS it was delivered with, 0 to 2
     * @param retained  whether the broker delivered it from its retained store
     * @param duplicate whether the broker marked it as a possible redelivery
     * @throws IllegalArgumentException if qos is not 0, 1 or 2
     */
    public MqttMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate) {
        this(topic, payload, qos, retained, duplicate, MessageProperties.NONE, List.of());
    }

    /**
     * @param topic                   the topic the message was published to
     * @param payload                 the payload, not copied
     * @param qos                     the QoS it was delivered with, 0 to 2
     * @param retained                whether the broker delivered it from its retained store
     * @param duplicate               whether the broker marked it as a possible redelivery
     * @param properties              its MQTT 5 properties
     * @param subscriptionIdentifiers the MQTT 5 Subscription Identifiers of the subscriptions it matched
     * @throws IllegalArgumentException if qos is not 0, 1 or 2
     * @since 1.4
     */
    public MqttMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate,
            MessageProperties properties, List<Integer> subscriptionIdentifiers) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.subscriptionIdentifiers = List.copyOf(subscriptionIdentifiers);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS " + qos + " is not 0, 1 or 2");
        }
        this.qos = qos;
        this.retained = retained;
        this.duplicate = duplicate;
    }

    /** @return the topic the message was published to */
    public String topic() {
        return topic;
    }

    /** @return the payload (not a copy) */
    public byte[] payload() {
        return payload;
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the QoS it was delivered with */
    public int qos() {
        return qos;
    }

    /** @return whether the broker delivered it from its retained store */
    public boolean retained() {
        return retained;
    }

    /** @return whether the broker marked it as a possible redelivery */
    public boolean duplicate() {
        return duplicate;
    }

    /**
     * @return the message's MQTT 5 properties (content type, user properties, response topic, correlation data...);
     *         {@link MessageProperties#NONE} on MQTT 3.1.1. Since 1.4.
     */
    public MessageProperties properties() {
        return properties;
    }

    /**
     * @return the MQTT 5 Subscription Identifiers the broker attached: which of this connection's subscriptions the
     *         message matched, when they were given one; empty on MQTT 3.1.1. Since 1.4.
     */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    @Override
    public String toString() {
        return "MqttMessage[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos
            + (retained ? ", retained" : "") + (duplicate ? ", duplicate" : "")
            + (properties.isEmpty() ? "" : ", " + properties) + "]";
    }
}
