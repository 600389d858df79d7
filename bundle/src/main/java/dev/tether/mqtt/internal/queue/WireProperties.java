package dev.tether.mqtt.internal.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.UserProperty;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.Publish;

/** The API's {@link MessageProperties} as the PUBLISH properties of the codec (MQTT 5.0, 3.3.2.3), both ways. */
public final class WireProperties {

    private WireProperties() {
    }

    /** @return the properties to send; {@link Properties#NONE} when there are none, so nothing is allocated */
    public static Properties toWire(MessageProperties properties) {
        if (properties.isEmpty()) {
            return Properties.NONE;
        }
        Properties.Builder wire = Properties.builder();
        if (properties.payloadUtf8()) {
            wire.integer(PropertyIds.PAYLOAD_FORMAT_INDICATOR, 1);
        }
        properties.messageExpirySeconds().ifPresent(seconds -> wire.integer(PropertyIds.MESSAGE_EXPIRY_INTERVAL,
            seconds));
        properties.contentType().ifPresent(type -> wire.string(PropertyIds.CONTENT_TYPE, type));
        properties.responseTopic().ifPresent(topic -> wire.string(PropertyIds.RESPONSE_TOPIC, topic));
        properties.correlationData().ifPresent(data -> wire.binary(PropertyIds.CORRELATION_DATA, data));
        for (UserProperty property : properties.userProperties()) {
            wire.userProperty(property.name(), property.value());
        }
        return wire.build();
    }

    /** @return the properties with another Message Expiry Interval, in their order */
    static Properties withExpiry(Properties wire, long seconds) {
        List<Properties.Property> entries = new ArrayList<>(wire.entries().size());
        for (Properties.Property property : wire.entries()) {
            entries.add(property.id() == PropertyIds.MESSAGE_EXPIRY_INTERVAL
                ? new Properties.Property(PropertyIds.MESSAGE_EXPIRY_INTERVAL, seconds) : property);
        }
        return new Properties(entries);
    }

    /** @return the API's view of received properties; {@link MessageProperties#NONE} when there are none */
    public static MessageProperties fromWire(Properties wire) {
        if (wire.isEmpty()) {
            return MessageProperties.NONE;
        }
        MessageProperties.Builder properties = MessageProperties.builder()
            .payloadUtf8(wire.integer(PropertyIds.PAYLOAD_FORMAT_INDICATOR).orElse(0) == 1);
        wire.integer(PropertyIds.MESSAGE_EXPIRY_INTERVAL)
            .ifPresent(seconds -> properties.messageExpiry(Duration.ofSeconds(seconds)));
        wire.string(PropertyIds.CONTENT_TYPE).ifPresent(properties::contentType);
        wire.string(PropertyIds.RESPONSE_TOPIC).ifPresent(properties::responseTopic);
        wire.binary(PropertyIds.CORRELATION_DATA).ifPresent(properties::correlationData);
        for (Properties.UserProperty property : wire.userProperties()) {
            properties.userProperty(property.name(), property.value());
        }
        return properties.build();
    }

    /** @return the message a listener receives for a PUBLISH, with its properties and subscription identifiers */
    public static MqttMessage message(Publish publish) {
        if (publish.properties().isEmpty()) {
            return new MqttMessage(publish.topic(), publish.payload(), publish.qos(), publish.retain(),
                publish.duplicate());
        }
        List<Integer> identifiers = publish.properties().subscriptionIdentifiers();
        return new MqttMessage(publish.topic(), publish.payload(), publish.qos(), publish.retain(),
            publish.duplicate(), fromWire(publish.properties()), identifiers);
    }
}
