package dev.tether.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The MQTT 5 properties of a message, as published and as received: payload format, message expiry, content type,
 * response topic, correlation data and user properties. Immutable. On an MQTT 3.1.1 connection a received message
 * has none ({@link #NONE}) and a published message's properties are not sent. Since 1.4.
 */
public final class MessageProperties {

    /** No properties. */
    public static final MessageProperties NONE = new Builder().build();

    private final boolean payloadUtf8;
    private final long messageExpirySeconds;
    private final String contentType;
    private final String responseTopic;
    private final byte[] correlationData;
    private final List<UserProperty> userProperties;

    private MessageProperties(Builder builder) {
        this.payloadUtf8 = builder.payloadUtf8;
        this.messageExpirySeconds = builder.messageExpirySeconds;
        this.contentType = builder.contentType;
        this.responseTopic = builder.responseTopic;
        this.correlationData = builder.correlationData;
        this.userProperties = List.copyOf(builder.userProperties);
    }

    /** @return a builder of properties */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these properties, to change some of them */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.payloadUtf8 = payloadUtf8;
        builder.messageExpirySeconds = messageExpirySeconds;
        builder.contentType = contentType;
        builder.responseTopic = responseTopic;
        builder.correlationData = correlationData;
        builder.userProperties.addAll(userProperties);
        return builder;
    }

    /** @return whether the payload is declared UTF-8 text (Payload Format Indicator 1) */
    public boolean payloadUtf8() {
        return payloadUtf8;
    }

    /**
     * @return the Message Expiry Interval in seconds: published, how long the broker may keep the message for
     *         subscribers; received, what is left of it. Empty: the message does not expire.
     */
    public OptionalLong messageExpirySeconds() {
        return messageExpirySeconds < 0 ? OptionalLong.empty() : OptionalLong.of(messageExpirySeconds);
    }

    /** @return the Content Type, for example {@code application/json} */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** @return the Response Topic: where the publisher expects an answer */
    public Optional<String> responseTopic() {
        return Optional.ofNullable(responseTopic);
    }

    /** @return a copy of the Correlation Data, which tells the publisher which request an answer is for */
    public Optional<byte[]> correlationData() {
        return correlationData == null ? Optional.empty() : Optional.of(correlationData.clone());
    }

    /** @return the user properties in their order; names may repeat */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** @return whether there are no properties at all */
    public boolean isEmpty() {
        return !payloadUtf8 && messageExpirySeconds < 0 && contentType == null && responseTopic == null
            && correlationData == null && userProperties.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("MessageProperties[");
        if (payloadUtf8) {
            text.append("utf8, ");
        }
        messageExpirySeconds().ifPresent(seconds -> text.append("expiry=").append(seconds).append("s, "));
        contentType().ifPresent(type -> text.append("contentType=").append(type).append(", "));
        responseTopic().ifPresent(topic -> text.append("responseTopic=").append(topic).append(", "));
        if (correlationData != null) {
            text.append("correlationData=").append(correlationData.length).append(" bytes, ");
        }
        userProperties.forEach(property -> text.append(property.name()).append('=').append(property.value())
            .append(", "));
        if (text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 2);
        }
        return text.append(']').toString();
    }

    /** Builds {@link MessageProperties}. Not thread safe. */
    public static final class Builder {

        private boolean payloadUtf8;
        private long messageExpirySeconds = -1;
        private String contentType;
        private String responseTopic;
        private byte[] correlationData;
        private final List<UserProperty> userProperties = new ArrayList<>();

        private Builder() {
        }

        /** Declares the payload UTF-8 text (Payload Format Indicator 1); the broker may check it. */
        public Builder payloadUtf8(boolean utf8) {
            this.payloadUtf8 = utf8;
            return this;
        }

        /**
         * Lets the broker drop the message when it could not deliver it within this time.
         *
         * @param expiry at most 4,294,967,295 seconds, in whole seconds; {@code null} for never
         * @throws IllegalArgumentException for a negative, sub-second or too long interval
         */
        public Builder messageExpiry(Duration expiry) {
            if (expiry == null) {
                messageExpirySeconds = -1;
                return this;
            }
            if (expiry.isNegative() || expiry.getSeconds() > 0xFFFF_FFFFL || expiry.getNano() != 0) {
                throw new IllegalArgumentException("message expiry " + expiry
                    + " is not a whole number of seconds from 0 to 4294967295");
            }
            messageExpirySeconds = expiry.getSeconds();
            return this;
        }

        /** Sets the Content Type, for example {@code application/json}; {@code null} for none. */
        public Builder contentType(String type) {
            this.contentType = type;
            return this;
        }

        /** Sets the Response Topic, where an answer is expected; {@code null} for none. No wildcards. */
        public Builder responseTopic(String topic) {
            if (topic != null && (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0)) {
                throw new IllegalArgumentException("response topic '" + topic + "' is empty or has a wildcard");
            }
            this.responseTopic = topic;
            return this;
        }

        /** Sets the Correlation Data (copied); {@code null} for none. */
        public Builder correlationData(byte[] data) {
            this.correlationData = data == null ? null : data.clone();
            return this;
        }

        /** Sets the Correlation Data to the UTF-8 bytes of a text. */
        public Builder correlationData(String data) {
            return correlationData(data == null ? null : data.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a user property; names may repeat. */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** Adds user properties, in order. */
        public Builder userProperties(List<UserProperty> properties) {
            properties.forEach(property -> userProperties.add(Objects.requireNonNull(property, "user property")));
            return this;
        }

        /** @return the properties */
        public MessageProperties build() {
            return new MessageProperties(this);
        }
    }
}
