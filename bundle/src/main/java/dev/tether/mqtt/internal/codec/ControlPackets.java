package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.protocolError;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bodies of the packets other than PUBLISH that carry more than a packet id: CONNACK and SUBACK, which a
 * client receives, and CONNECT, SUBSCRIBE and UNSUBSCRIBE, which a server receives (MQTT 3.1.1, chapter 3). A
 * CONNECT of level 5 goes on in {@link Mqtt5ConnectDecoder}.
 */
final class ControlPackets {

    private ControlPackets() {
    }

    static ConnAck connAck(PacketBody body) throws MalformedPacketException {
        body.requireLength(2);
        int acknowledgeFlags = body.unsignedByte();
        if ((acknowledgeFlags & 0xFE) != 0) {
            throw malformed("the reserved bits of the CONNACK flags are set (0x"
                + Integer.toHexString(acknowledgeFlags) + ") (MQTT 3.1.1, 3.2.2.1)");
        }
        int returnCode = body.unsignedByte();
        if (returnCode > 5) {
            throw malformed("the CONNACK return code " + returnCode + " is not one of MQTT 3.1.1's (0 to 5)");
        }
        return new ConnAck((acknowledgeFlags & 1) != 0, returnCode, Properties.NONE);
    }

    static SubAck subAck(PacketBody body) throws MalformedPacketException {
        int packetId = body.packetId();
        if (!body.hasMore()) {
            throw malformed("a SUBACK without return codes");
        }
        List<Integer> codes = new ArrayList<>(body.left());
        while (body.hasMore()) {
            int code = body.unsignedByte();
            if (code > 2 && code != SubAck.FAILURE) {
                throw malformed("the SUBACK return code 0x" + Integer.toHexString(code)
                    + " is not 0, 1, 2 or 0x80 [MQTT-3.9.3-2]");
            }
            codes.add(code);
        }
        return new SubAck(packetId, codes, Properties.NONE);
    }

    /**
     * Reads a CONNECT by its protocol level: MQTT 3.1.1's, or MQTT 5's when the server speaks it.
     *
     * @param highest the highest version the server speaks
     */
    static Connect connect(PacketBody body, ProtocolVersion highest) throws MalformedPacketException {
        String protocol = body.string("the protocol name");
        int level = body.unsignedByte();
        if (highest == ProtocolVersion.MQTT_5 && protocol.equals("MQTT") && level == Connect.MQTT_5) {
            return Mqtt5ConnectDecoder.connect(body);
        }
        if (!protocol.equals("MQTT") || level != Connect.MQTT_3_1_1) {
            if (highest == ProtocolVersion.MQTT_5) {
                // the code of the CONNACK a server may send before closing (MQTT 5.0, 3.1.2.2)
                throw new MalformedPacketException(MalformedPacketException.UNSUPPORTED_PROTOCOL_VERSION,
                    "CONNECT for protocol " + protocol + " level " + level + ", not MQTT level 4 or 5");
            }
            throw protocolError("CONNECT for protocol " + protocol + " level " + level + ", not MQTT level 4");
        }
        int flags = body.unsignedByte();
        if ((flags & 1) != 0) {
            throw malformed("the reserved CONNECT flag is set [MQTT-3.1.2-3]");
        }
        boolean willFlag = (flags & 0b100) != 0;
        int willQos = flags >> 3 & 0b11;
        boolean willRetain = (flags & 0b100000) != 0;
        if (!willFlag && (willQos != 0 || willRetain) || willQos == 3) {
            throw malformed("the will QoS or retain flag is invalid [MQTT-3.1.2-13..15]");
        }
        boolean hasUser = (flags & 0b10000000) != 0;
        boolean hasPassword = (flags & 0b1000000) != 0;
        if (hasPassword && !hasUser) {
            throw malformed("a password without a user name [MQTT-3.1.2-22]");
        }
        int keepAlive = body.unsignedShort();
        String clientId = body.string("the client identifier");
        Optional<Connect.Will> will = Optional.empty();
        if (willFlag) {
            String topic = body.string("the will topic");
            will = Optional.of(new Connect.Will(topic, body.binary(), willQos, willRetain));
        }
        Optional<String> user = hasUser ? Optional.of(body.string("the user name")) : Optional.empty();
        byte[] password = hasPassword ? body.binary() : null;
        return new Connect(level, clientId, (flags & 0b10) != 0, keepAlive, user, password, will, Properties.NONE);
    }

    static Subscribe subscribe(PacketBody body) throws MalformedPacketException {
        int packetId = body.packetId();
        List<Subscribe.Subscription> subscriptions = new ArrayList<>();
        while (body.hasMore()) {
            String filter = body.string("a topic filter");
            int options = body.unsignedByte();
            if ((options & 0xFC) != 0 || (options & 0b11) == 3) {
                throw malformed("the requested QoS byte 0x" + Integer.toHexString(options) + " is invalid"
                    + " [MQTT-3.8.3-4]");
            }
            subscriptions.add(new Subscribe.Subscription(filter, options));
        }
        if (subscriptions.isEmpty()) {
            throw protocolError("a SUBSCRIBE without topic filters [MQTT-3.8.3-3]");
        }
        return new Subscribe(packetId, subscriptions, Properties.NONE);
    }

    static Unsubscribe unsubscribe(PacketBody body) throws MalformedPacketException {
        int packetId = body.packetId();
        List<String> filters = new ArrayList<>();
        while (body.hasMore()) {
            filters.add(body.string("a topic filter"));
        }
        if (filters.isEmpty()) {
            throw protocolError("an UNSUBSCRIBE without topic filters [MQTT-3.10.3-2]");
        }
        return new Unsubscribe(packetId, filters, Properties.NONE);
    }
}
