package dev.tether.mqtt.internal.session;

import dev.tether.mqtt.internal.codec.MalformedPacketException;
import dev.tether.mqtt.internal.codec.OversizedPublish;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.ReasonCodes;

/**
 * The topic aliases the broker set up on one network connection (MQTT 5.0, 3.3.2.3.4), up to the Topic Alias Maximum
 * this client announced in its CONNECT: a PUBLISH with a topic and an alias sets the alias, one with an empty topic
 * uses it. An alias above the maximum is a Topic Alias Invalid (0x94, MQTT 5.0 3.3.4), one used before it was set
 * a Protocol Error (0x82, 3.3.2.3.4); either ends the connection. (An alias of 0 [MQTT-3.3.2-8] never gets here:
 * the decoder refuses it.) Confined to the link's reader thread.
 */
final class InboundTopicAliases {

    private final String[] topics;

    /** @param maximum the Topic Alias Maximum this client announced; 0 (MQTT 3.1.1): none */
    InboundTopicAliases(int maximum) {
        this.topics = new String[maximum + 1];
    }

    /** @return the PUBLISH with its topic; the same one when it uses no alias */
    Publish resolve(Publish publish) throws MalformedPacketException {
        if (publish.properties().isEmpty()) {
            return publish;
        }
        String topic = topic(publish.topic(), publish.properties());
        return topic.equals(publish.topic()) ? publish : new Publish(topic, publish.payload(), publish.qos(),
            publish.retain(), publish.duplicate(), publish.packetId(), publish.properties());
    }

    /** A message skipped for its size may still set up an alias for later ones. */
    OversizedPublish resolve(OversizedPublish publish) throws MalformedPacketException {
        if (publish.properties().isEmpty()) {
            return publish;
        }
        String topic = topic(publish.topic(), publish.properties());
        return new OversizedPublish(topic, publish.payloadSize(), publish.qos(), publish.packetId(),
            publish.properties());
    }

    private String topic(String topic, Properties properties) throws MalformedPacketException {
        long alias = properties.integer(PropertyIds.TOPIC_ALIAS).orElse(-1);
        if (alias < 0) {
            return topic;
        }
        if (alias == 0 || alias >= topics.length) {
            throw invalid("the broker used topic alias " + alias + "; this client accepts 1 to " + (topics.length - 1)
                + " [MQTT-3.3.2-11]");
        }
        if (!topic.isEmpty()) {
            topics[(int) alias] = topic;
            return topic;
        }
        String known = topics[(int) alias];
        if (known == null) {
            throw new MalformedPacketException(ReasonCodes.PROTOCOL_ERROR, "the broker used topic alias " + alias
                + " before it set it up (MQTT 5.0, 3.3.2.3.4)");
        }
        return known;
    }

    private static MalformedPacketException invalid(String message) {
        return new MalformedPacketException(ReasonCodes.TOPIC_ALIAS_INVALID, message);
    }
}
