package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.PacketEncoder.fixedHeader;
import static dev.tether.mqtt.internal.codec.PacketEncoder.requirePacketId;
import static dev.tether.mqtt.internal.codec.PacketEncoder.requireQos;
import static dev.tether.mqtt.internal.codec.PacketEncoder.stringLength;
import static dev.tether.mqtt.internal.codec.PropertiesEncoder.withLength;

import java.util.List;

/**
 * Writes packets as MQTT 5.0 bytes (MQTT 5.0, chapter 3): the variable headers with reason codes and properties,
 * and the shortest form the specification allows for acknowledgements without properties. CONNECT and CONNACK
 * are {@link Mqtt5ConnectEncoder}'s.
 */
final class Mqtt5Encoder {

    private static final int FLAGS_RESERVED_0010 = 0b0010;

    private Mqtt5Encoder() {
    }

    static void encode(Packet packet, PacketBuffer out) {
        switch (packet.type()) {
            case PUBLISH -> {
                if (!(packet instanceof Publish publish)) {
                    throw new IllegalArgumentException("an OversizedPublish only reports a payload that was "
                        + "skipped; it has none to send");
                }
                publish(publish, out);
            }
            case PUBACK -> {
                PubAck ack = (PubAck) packet;
                ack(PacketType.PUBACK, 0, ack.packetId(), ack.reasonCode(), ack.properties(), out);
            }
            case PUBREC -> {
                PubRec ack = (PubRec) packet;
                ack(PacketType.PUBREC, 0, ack.packetId(), ack.reasonCode(), ack.properties(), out);
            }
            case PUBREL -> {
                PubRel ack = (PubRel) packet;
                ack(PacketType.PUBREL, FLAGS_RESERVED_0010, ack.packetId(), ack.reasonCode(), ack.properties(), out);
            }
            case PUBCOMP -> {
                PubComp ack = (PubComp) packet;
                ack(PacketType.PUBCOMP, 0, ack.packetId(), ack.reasonCode(), ack.properties(), out);
            }
            case CONNECT -> Mqtt5ConnectEncoder.connect((Connect) packet, out);
            case CONNACK -> Mqtt5ConnectEncoder.connAck((ConnAck) packet, out);
            case SUBSCRIBE -> subscribe((Subscribe) packet, out);
            case SUBACK -> {
                SubAck subAck = (SubAck) packet;
                codes(PacketType.SUBACK, subAck.packetId(), subAck.returnCodes(), subAck.properties(), out);
            }
            case UNSUBSCRIBE -> unsubscribe((Unsubscribe) packet, out);
            case UNSUBACK -> {
                UnsubAck unsubAck = (UnsubAck) packet;
                codes(PacketType.UNSUBACK, unsubAck.packetId(), unsubAck.reasonCodes(), unsubAck.properties(), out);
            }
            case PINGREQ, PINGRESP -> fixedHeader(packet.type(), 0, 0, out);
            case DISCONNECT -> disconnect((Disconnect) packet, out);
            case AUTH -> auth((Auth) packet, out);
        }
    }

    static void requireReason(PacketType type, int code) {
        if (!ReasonCodes.validFor(type, code)) {
            throw new IllegalArgumentException(ReasonCodes.describe(code) + " is not a reason code of " + type
                + " (MQTT 5.0, 2.4)");
        }
    }

    private static void publish(Publish publish, PacketBuffer out) {
        if (publish.qos() > 0) {
            requirePacketId(PacketType.PUBLISH, publish.packetId());
        } else if (publish.duplicate()) {
            throw new IllegalArgumentException("a QoS 0 PUBLISH cannot have the DUP flag [MQTT-3.3.1-2]");
        }
        String topic = publish.topic();
        if (topic.isEmpty() && !publish.properties().contains(PropertyIds.TOPIC_ALIAS)) {
            throw new IllegalArgumentException("a PUBLISH needs a topic name or a Topic Alias (MQTT 5.0, 3.3.2.3.4)");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new IllegalArgumentException("the topic name '" + topic + "' of a PUBLISH contains a wildcard "
                + "[MQTT-3.3.2-2]");
        }
        int topicLength = stringLength(topic, "topic name");
        int properties = PropertiesEncoder.length(publish.properties(), PacketType.PUBLISH.code());
        int payload = publish.payload().length;
        long remaining = 2L + topicLength + (publish.qos() > 0 ? 2 : 0) + withLength(properties) + payload;
        int flags = (publish.duplicate() ? 0b1000 : 0) | publish.qos() << 1 | (publish.retain() ? 1 : 0);
        fixedHeader(PacketType.PUBLISH, flags, (int) Math.min(remaining, Integer.MAX_VALUE), out);
        out.writeString(topic, topicLength);
        if (publish.qos() > 0) {
            out.writeShort(publish.packetId());
        }
        PropertiesEncoder.write(publish.properties(), properties, out);
        out.writeBytes(publish.payload(), 0, payload);
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: the reason code and properties are left out when they can be (3.4.2.1). */
    private static void ack(PacketType type, int flags, int packetId, int reasonCode, Properties properties,
            PacketBuffer out) {
        requirePacketId(type, packetId);
        requireReason(type, reasonCode);
        int length = PropertiesEncoder.length(properties, type.code());
        if (properties.isEmpty()) {
            fixedHeader(type, flags, reasonCode == ReasonCodes.SUCCESS ? 2 : 3, out);
            out.writeShort(packetId);
            if (reasonCode != ReasonCodes.SUCCESS) {
                out.writeByte(reasonCode);
            }
            return;
        }
        fixedHeader(type, flags, 3 + withLength(length), out);
        out.writeShort(packetId);
        out.writeByte(reasonCode);
        PropertiesEncoder.write(properties, length, out);
    }

    private static void subscribe(Subscribe subscribe, PacketBuffer out) {
        requirePacketId(PacketType.SUBSCRIBE, subscribe.packetId());
        int properties = PropertiesEncoder.length(subscribe.properties(), PacketType.SUBSCRIBE.code());
        List<Subscribe.Subscription> subscriptions = subscribe.subscriptions();
        int[] lengths = new int[subscriptions.size()];
        long remaining = 2L + withLength(properties);
        for (int i = 0; i < lengths.length; i++) {
            Subscribe.Subscription subscription = subscriptions.get(i);
            requireQos(subscription.qos(), "the requested QoS", "(MQTT 5.0, 3.8.3.1)");
            if (subscription.retainHandling() < 0 || subscription.retainHandling() > 2) {
                throw new IllegalArgumentException("Retain Handling " + subscription.retainHandling()
                    + " is not 0, 1 or 2 (MQTT 5.0, 3.8.3.1)");
            }
            if (subscription.noLocal() && subscription.filter().startsWith("$share/")) {
                throw new IllegalArgumentException("No Local on the shared subscription " + subscription.filter()
                    + " [MQTT-3.8.3-4]");
            }
            lengths[i] = stringLength(subscription.filter(), "topic filter");
            remaining += 2 + lengths[i] + 1;
        }
        fixedHeader(PacketType.SUBSCRIBE, FLAGS_RESERVED_0010, (int) Math.min(remaining, Integer.MAX_VALUE), out);
        out.writeShort(subscribe.packetId());
        PropertiesEncoder.write(subscribe.properties(), properties, out);
        for (int i = 0; i < lengths.length; i++) {
            out.writeString(subscriptions.get(i).filter(), lengths[i]);
            out.writeByte(subscriptions.get(i).optionsByte());
        }
    }

    private static void unsubscribe(Unsubscribe unsubscribe, PacketBuffer out) {
        requirePacketId(PacketType.UNSUBSCRIBE, unsubscribe.packetId());
        int properties = PropertiesEncoder.length(unsubscribe.properties(), PacketType.UNSUBSCRIBE.code());
        List<String> filters = unsubscribe.filters();
        int[] lengths = new int[filters.size()];
        long remaining = 2L + withLength(properties);
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = stringLength(filters.get(i), "topic filter");
            remaining += 2 + lengths[i];
        }
        fixedHeader(PacketType.UNSUBSCRIBE, FLAGS_RESERVED_0010, (int) Math.min(remaining, Integer.MAX_VALUE), out);
        out.writeShort(unsubscribe.packetId());
        PropertiesEncoder.write(unsubscribe.properties(), properties, out);
        for (int i = 0; i < lengths.length; i++) {
            out.writeString(filters.get(i), lengths[i]);
        }
    }

    /** SUBACK and UNSUBACK: a reason code per filter of the request, in order. */
    private static void codes(PacketType type, int packetId, List<Integer> codes, Properties properties,
            PacketBuffer out) {
        requirePacketId(type, packetId);
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " needs a reason code per topic filter, at least one");
        }
        for (int code : codes) {
            requireReason(type, code);
        }
        int length = PropertiesEncoder.length(properties, type.code());
        fixedHeader(type, 0, (int) Math.min(2L + withLength(length) + codes.size(), Integer.MAX_VALUE), out);
        out.writeShort(packetId);
        PropertiesEncoder.write(properties, length, out);
        for (int code : codes) {
            out.writeByte(code);
        }
    }

    /** DISCONNECT: nothing after the fixed header for a normal disconnection (3.14.2.1). */
    private static void disconnect(Disconnect disconnect, PacketBuffer out) {
        int reasonCode = disconnect.reasonCode();
        requireReason(PacketType.DISCONNECT, reasonCode);
        Properties properties = disconnect.properties();
        int length = PropertiesEncoder.length(properties, PacketType.DISCONNECT.code());
        if (properties.isEmpty()) {
            boolean normal = reasonCode == ReasonCodes.NORMAL_DISCONNECTION;
            fixedHeader(PacketType.DISCONNECT, 0, normal ? 0 : 1, out);
            if (!normal) {
                out.writeByte(reasonCode);
            }
            return;
        }
        fixedHeader(PacketType.DISCONNECT, 0, 1 + withLength(length), out);
        out.writeByte(reasonCode);
        PropertiesEncoder.write(properties, length, out);
    }

    /** AUTH: nothing after the fixed header for a success without properties, else both (3.15.2.1). */
    private static void auth(Auth auth, PacketBuffer out) {
        requireReason(PacketType.AUTH, auth.reasonCode());
        int length = PropertiesEncoder.length(auth.properties(), PacketType.AUTH.code());
        if (auth.reasonCode() == ReasonCodes.SUCCESS && auth.properties().isEmpty()) {
            fixedHeader(PacketType.AUTH, 0, 0, out);
            return;
        }
        fixedHeader(PacketType.AUTH, 0, 1 + withLength(length), out);
        out.writeByte(auth.reasonCode());
        PropertiesEncoder.write(auth.properties(), length, out);
    }
}
