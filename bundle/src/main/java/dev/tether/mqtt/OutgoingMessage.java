package dev.tether.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A message to publish with {@link MqttService#publish(OutgoingMessage)}: topic, payload, QoS, retain and its MQTT 5
 * properties. Immutable; build it with {@link #to(String)}:
 *
 * <pre>{@code
 * service.publish(OutgoingMessage.to("site/1/temperature").payload("21.5").qos(1)
 *     .contentType("text/plain").userProperty("unit", "C").build());
 * }</pre>
 *
 * On an MQTT 3.1.1 connection the properties are not sent. Since 1.4.
 */
public final class OutgoingMessage {

    private static final byte[] EMPTY = new byte[0];

    private final String topic;
    private final byte[] payload;
    private final int qos;
    private final boolean retain;
    private final MessageProperties properties;

    private OutgoingMessage(Builder builder) {
        this.topic = builder.topic;
        this.payload = builder.payload;
        this.qos = builder.qos;
        this.retain = builder.retain;
        this.properties = builder.properties.build();
    }

    /**
     * @param topic the topic, without wildcards
     * @return a builder of a message to that topic: empty payload, QoS 0, not retained, no properties
     */
    public static Builder to(String topic) {
        return new Builder(topic);
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** @return the payload, not a copy */
    public byte[] payload() {
        return payload;
    }

    /** @return the QoS asked for, 0..2 (capped at {@code max_qos} when published) */
    public int qos() {
        return qos;
    }

    /** @return whether the broker keeps the message for later subscribers */
    public boolean retain() {
        return retain;
    }

    /** @return the MQTT 5 properties */
    public MessageProperties properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "OutgoingMessage[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos
            + (retain ? ", retain" : "") + (properties.isEmpty() ? "" : ", " + properties) + "]";
    }

    /** Builds an {@link OutgoingMessage}. Not thread safe. */
    public static final class Builder {

        private final String topic;
        private byte[] payload = EMPTY;
        private int qos;
        private boolean retain;
        private MessageProperties.Builder properties = MessageProperties.builder();

        private Builder(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
        }

        /** Sets the payload; the array is not copied, do not change it afterwards. */
        public Builder payload(byte[] bytes) {
            this.payload = Objects.requireNonNull(bytes, "payload");
            return this;
        }

        /** Sets a text payload, sent UTF-8 encoded. */
        public Builder payload(String text) {
            return payload(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Sets the QoS, 0..2. */
        public Builder qos(int value) {
            if (value < 0 || value > 2) {
                throw new IllegalArgumentException("QoS " + value + " is not 0, 1 or 2");
            }
            this.qos = value;
            return this;
        }

        /** Sets whether the broker keeps the message for later subscribers. */
        public Builder retain(boolean value) {
            this.retain = value;
            return this;
        }

        /** Replaces all MQTT 5 properties set so far. */
        public Builder properties(MessageProperties value) {
            this.properties = value.toBuilder();
            return this;
        }

        /** @see MessageProperties.Builder#payloadUtf8(boolean) */
        public Builder payloadUtf8(boolean utf8) {
            properties.payloadUtf8(utf8);
            return this;
        }

        /** @see MessageProperties.Builder#messageExpiry(Duration) */
        public Builder messageExpiry(Duration expiry) {
            properties.messageExpiry(expiry);
            return this;
        }

        /** @see MessageProperties.Builder#contentType(String) */
        public Builder contentType(String type) {
            properties.contentType(type);
            return this;
        }

        /** @see MessageProperties.Builder#responseTopic(String) */
        public Builder responseTopic(String responseTopic) {
            properties.responseTopic(responseTopic);
            return this;
        }

        /** @see MessageProperties.Builder#correlationData(byte[]) */
        public Builder correlationData(byte[] data) {
            properties.correlationData(data);
            return this;
        }

        /** @see MessageProperties.Builder#userProperty(String, String) */
        public Builder userProperty(String name, String value) {
            properties.userProperty(name, value);
            return this;
        }

        /** @return the message */
        public OutgoingMessage build() {
            return new OutgoingMessage(this);
        }
    }
}
