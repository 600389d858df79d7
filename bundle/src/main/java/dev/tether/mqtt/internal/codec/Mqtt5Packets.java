package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.protocolError;

import java.util.ArrayList;
import java.util.List;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/**
 * Reads the MQTT 5.0 bodies of the packets other than CONNECT, CONNACK and PUBLISH (MQTT 5.0, 3.4 to 3.15), and
 * checks what the PUBLISH's properties say about its topic.
 */
final class Mqtt5Packets {

    private Mqtt5Packets() {
    }

    static Packet decode(PacketType type, PacketBody body, Role role) throws MalformedPacketException {
        return switch (type) {
            case CONNACK -> Mqtt5ConnectDecoder.connAck(body);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> ack(type, body);
            case SUBSCRIBE -> subscribe(body);
            case SUBACK -> subAck(body);
            case UNSUBSCRIBE -> unsubscribe(body);
            case UNSUBACK -> unsubAck(body);
            case DISCONNECT -> disconnect(body, role);
            case AUTH -> auth(body);
            case PINGREQ -> PingReq.INSTANCE;
            case PINGRESP -> PingResp.INSTANCE;
            default -> throw protocolError("unexpected " + type);
        };
    }

    static void requireReason(PacketType type, int code) throws MalformedPacketException {
        if (!ReasonCodes.validFor(type, code)) {
            throw malformed("0x" + PropertyIds.hex(code) + " (" + ReasonCodes.name(code) + ") is not a reason code "
                + "of " + type + " (MQTT 5.0, 2.4)");
        }
    }

    private static Properties properties(PacketBody body, PacketType type) throws MalformedPacketException {
        return PropertiesDecoder.read(body, type.code());
    }

    /**
     * The rules of a PUBLISH that need its properties: an empty topic name stands for the one a Topic Alias
     * names, which the session resolves (3.3.2.3.4); a client never sends a Subscription Identifier.
     */
    static void checkPublish(String topic, Properties properties, Role role) throws MalformedPacketException {
        if (topic.isEmpty() && !properties.contains(PropertyIds.TOPIC_ALIAS)) {
            throw protocolError("a PUBLISH with an empty topic name and no Topic Alias (MQTT 5.0, 3.3.2.3.4)");
        }
        if (role == Role.SERVER && properties.contains(PropertyIds.SUBSCRIPTION_IDENTIFIER)) {
            throw protocolError("a PUBLISH from a client with a Subscription Identifier [MQTT-3.3.4-6]");
        }
        String responseTopic = properties.string(PropertyIds.RESPONSE_TOPIC).orElse("");
        if (responseTopic.indexOf('+') >= 0 || responseTopic.indexOf('#') >= 0) {
            throw protocolError("the Response Topic '" + responseTopic + "' contains a wildcard [MQTT-3.3.2-14]");
        }
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: 2 bytes are a success, 3 a reason code without properties (3.4.2.1). */
    private static Packet ack(PacketType type, PacketBody body) throws MalformedPacketException {
        if (body.left() < 2) {
            throw malformed("a " + type + " of " + body.left() + " bytes after the fixed header; it has at least 2");
        }
        int packetId = body.packetId();
        int reasonCode = ReasonCodes.SUCCESS;
        Properties properties = Properties.NONE;
        if (body.hasMore()) {
            reasonCode = body.unsignedByte();
            requireReason(type, reasonCode);
            if (body.hasMore()) {
                properties = properties(body, type);
            }
        }
        return switch (type) {
            case PUBACK -> new PubAck(packetId, reasonCode, properties);
            case PUBREC -> new PubRec(packetId, reasonCode, properties);
            case PUBREL -> new PubRel(packetId, reasonCode, properties);
            default -> new PubComp(packetId, reasonCode, properties);
        };
    }

    private static Subscribe subscribe(PacketBody body) throws MalformedPacketException {
        int packetId = body.packetId();
        Properties properties = properties(body, PacketType.SUBSCRIBE);
        List<Subscribe.Subscription> subscriptions = new ArrayList<>();
        while (body.hasMore()) {
            String filter = body.string("a topic filter");
            int options = body.unsignedByte();
            if ((options & 0xC0) != 0) {
                throw malformed("the reserved bits of the subscription options 0x" + PropertyIds.hex(options)
                    + " for '" + filter + "' are set [MQTT-3.8.3-5]");
            }
            int qos = options & 0b11;
            if (qos == 3) {
                throw malformed("the subscription options for '" + filter + "' ask for QoS 3 (MQTT 5.0, 3.8.3.1)");
            }
            int retainHandling = options >> 4 & 0b11;
            if (retainHandling == 3) {
                throw protocolError("the subscription options for '" + filter + "' have Retain Handling 3 (MQTT 5.0,"
                    + " 3.8.3.1)");
            }
            boolean noLocal = (options & 0b100) != 0;
            if (noLocal && filter.startsWith("$share/")) {
                throw protocolError("No Local on the shared subscription '" + filter + "' [MQTT-3.8.3-4]");
            }
            subscriptions.add(new Subscribe.Subscription(filter, qos, noLocal, (options & 0b1000) != 0,
                retainHandling));
        }
        if (subscriptions.isEmpty()) {
            throw protocolError("a SUBSCRIBE without topic filters [MQTT-3.8.3-2]");
        }
        return new Subscribe(packetId, subscriptions, properties);
    }

    private static Unsubscribe unsubscribe(PacketBody body) throws MalformedPacketException {
        int packetId = body.packetId();
        Properties properties = properties(body, PacketType.UNSUBSCRIBE);
        List<String> filters = new ArrayList<>();
        while (body.hasMore()) {
            filters.add(body.string("a topic filter"));
        }
        if (filters.isEmpty()) {
            throw protocolError("an UNSUBSCRIBE without topic filters [MQTT-3.10.3-2]");
        }
        return new Unsubscribe(packetId, filters, properties);
    }

    private static SubAck subAck(PacketBody body) throws MalformedPacketException {
        int packetId = body.packetId();
        Properties properties = properties(body, PacketType.SUBACK);
        return new SubAck(packetId, codes(PacketType.SUBACK, body), properties);
    }

    private static UnsubAck unsubAck(PacketBody body) throws MalformedPacketException {
        int packetId = body.packetId();
        Properties properties = properties(body, PacketType.UNSUBACK);
        return new UnsubAck(packetId, codes(PacketType.UNSUBACK, body), properties);
    }

    /** SUBACK and UNSUBACK: the rest of the body is a reason code per topic filter, at least one. */
    private static List<Integer> codes(PacketType type, PacketBody body) throws MalformedPacketException {
        if (!body.hasMore()) {
            throw protocolError("a " + type + " without reason codes (MQTT 5.0, " + (type == PacketType.SUBACK
                ? "3.9.3" : "3.11.3") + ")");
        }
        // as many as there are bytes left, which have arrived: not a number the peer announced
        List<Integer> codes = new ArrayList<>(body.left());
        while (body.hasMore()) {
            int code = body.unsignedByte();
            requireReason(type, code);
            codes.add(code);
        }
        return codes;
    }

    /** DISCONNECT: nothing after the fixed header is a normal disconnection, 1 byte a reason code (3.14.2.1). */
    private static Disconnect disconnect(PacketBody body, Role role) throws MalformedPacketException {
        if (!body.hasMore()) {
            return Disconnect.NORMAL;
        }
        int reasonCode = body.unsignedByte();
        requireReason(PacketType.DISCONNECT, reasonCode);
        Properties properties = body.hasMore() ? properties(body, PacketType.DISCONNECT) : Properties.NONE;
        if (role == Role.CLIENT && properties.contains(PropertyIds.SESSION_EXPIRY_INTERVAL)) {
            throw protocolError("a DISCONNECT from the server with a Session Expiry Interval [MQTT-3.14.2-2]");
        }
        return new Disconnect(reasonCode, properties);
    }

    /** AUTH: nothing after the fixed header is a success; else a reason code and properties (3.15.2.1). */
    private static Auth auth(PacketBody body) throws MalformedPacketException {
        if (!body.hasMore()) {
            return new Auth(ReasonCodes.SUCCESS, Properties.NONE);
        }
        int reasonCode = body.unsignedByte();
        requireReason(PacketType.AUTH, reasonCode);
        return new Auth(reasonCode, properties(body, PacketType.AUTH));
    }
}
