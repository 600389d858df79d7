package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.protocolError;

import java.util.Optional;

/** Reads CONNECT and CONNACK as MQTT 5.0 lays them out (MQTT 5.0, 3.1 and 3.2). */
final class Mqtt5ConnectDecoder {

    private Mqtt5ConnectDecoder() {
    }

    /** Reads a CONNECT from the connect flags on: its protocol name and level were read, "MQTT" and 5. */
    static Connect connect(PacketBody body) throws MalformedPacketException {
        int flags = body.unsignedByte();
        if ((flags & 1) != 0) {
            throw malformed("the reserved CONNECT flag is set [MQTT-3.1.2-3]");
        }
        boolean willFlag = (flags & 0b100) != 0;
        int willQos = flags >> 3 & 0b11;
        boolean willRetain = (flags & 0b100000) != 0;
        if (!willFlag && (willQos != 0 || willRetain) || willQos == 3) {
            throw malformed("the will QoS or retain flag is invalid (MQTT 5.0, 3.1.2.6 and 3.1.2.7)");
        }
        boolean hasUser = (flags & 0b10000000) != 0;
        // a password without a user name is allowed in MQTT 5 (3.1.2.9)
        boolean hasPassword = (flags & 0b1000000) != 0;
        int keepAlive = body.unsignedShort();
        Properties properties = PropertiesDecoder.read(body, PacketType.CONNECT.code());
        if (properties.contains(PropertyIds.AUTHENTICATION_DATA)
                && !properties.contains(PropertyIds.AUTHENTICATION_METHOD)) {
            throw protocolError("a CONNECT with Authentication Data and no Authentication Method (MQTT 5.0, "
                + "3.1.2.11.10)");
        }
        String clientId = body.string("the client identifier");
        Optional<Connect.Will> will = Optional.empty();
        if (willFlag) {
            Properties willProperties = PropertiesDecoder.read(body, PropertyIds.WILL);
            String topic = body.string("the will topic");
            will = Optional.of(new Connect.Will(topic, body.binary(), willQos, willRetain, willProperties));
        }
        Optional<String> user = hasUser ? Optional.of(body.string("the user name")) : Optional.empty();
        byte[] password = hasPassword ? body.binary() : null;
        return new Connect(Connect.MQTT_5, clientId, (flags & 0b10) != 0, keepAlive, user, password, will,
            properties);
    }

    /**
     * Reads a CONNACK: flags, reason code, properties. A CONNACK of two bytes is what an MQTT 3.1.1 broker
     * answers to a CONNECT of level 5: it is read as such when it refuses (return codes 1 to 5), so that the
     * session sees "unacceptable protocol version" and may try MQTT 3.1.1. So is a return code of 1 to 5 in
     * MQTT 5's form, which no MQTT 5 broker sends but 3.1.1 brokers built on MQTT 5 codecs do.
     */
    static ConnAck connAck(PacketBody body) throws MalformedPacketException {
        if (body.left() == 2) {
            ConnAck refusal = ControlPackets.connAck(body);
            if (refusal.accepted()) {
                throw malformed("an MQTT 5 CONNACK without a property length (MQTT 5.0, 3.2.2.3.1)");
            }
            return refusal;
        }
        int acknowledgeFlags = body.unsignedByte();
        if ((acknowledgeFlags & 0xFE) != 0) {
            throw malformed("the reserved bits of the CONNACK flags are set (0x"
                + Integer.toHexString(acknowledgeFlags) + ") (MQTT 5.0, 3.2.2.1)");
        }
        int reasonCode = body.unsignedByte();
        if (reasonCode >= 1 && reasonCode <= 5 && acknowledgeFlags == 0) {
            // an MQTT 3.1.1 return code in MQTT 5's form: Moquette 0.17 refuses level 5 with 01 and a property length
            PropertiesDecoder.read(body, PacketType.CONNACK.code());
            return new ConnAck(false, reasonCode, Properties.NONE);
        }
        Mqtt5Packets.requireReason(PacketType.CONNACK, reasonCode);
        boolean sessionPresent = (acknowledgeFlags & 1) != 0;
        if (sessionPresent && reasonCode != ReasonCodes.SUCCESS) {
            throw protocolError("a CONNACK refusing with " + ReasonCodes.describe(reasonCode)
                + " has Session Present set [MQTT-3.2.2-6]");
        }
        return new ConnAck(sessionPresent, reasonCode, PropertiesDecoder.read(body, PacketType.CONNACK.code()));
    }
}
