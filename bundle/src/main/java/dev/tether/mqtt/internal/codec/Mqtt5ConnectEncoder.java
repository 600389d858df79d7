package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.PacketEncoder.binaryLength;
import static dev.tether.mqtt.internal.codec.PacketEncoder.fixedHeader;
import static dev.tether.mqtt.internal.codec.PacketEncoder.requireQos;
import static dev.tether.mqtt.internal.codec.PacketEncoder.stringLength;
import static dev.tether.mqtt.internal.codec.PropertiesEncoder.withLength;

/** Writes CONNECT and CONNACK as MQTT 5.0 bytes (MQTT 5.0, 3.1 and 3.2). */
final class Mqtt5ConnectEncoder {

    private Mqtt5ConnectEncoder() {
    }

    static void connect(Connect connect, PacketBuffer out) {
        if (connect.protocolLevel() != Connect.MQTT_5) {
            throw new IllegalArgumentException("an MQTT 5 encoder writes protocol level 5, not level "
                + connect.protocolLevel());
        }
        if (connect.keepAliveSeconds() < 0 || connect.keepAliveSeconds() > 0xFFFF) {
            throw new IllegalArgumentException("a keep alive of " + connect.keepAliveSeconds()
                + " s is not 0 to 65535 s");
        }
        Properties properties = connect.properties();
        if (properties.contains(PropertyIds.AUTHENTICATION_DATA)
                && !properties.contains(PropertyIds.AUTHENTICATION_METHOD)) {
            throw new IllegalArgumentException("Authentication Data without an Authentication Method (MQTT 5.0, "
                + "3.1.2.11.10)");
        }
        int propertyLength = PropertiesEncoder.length(properties, PacketType.CONNECT.code());
        int clientId = stringLength(connect.clientId(), "client identifier");
        long remaining = PacketEncoder.PROTOCOL_NAME.length + 1 + 1 + 2 + withLength(propertyLength) + 2 + clientId;
        int flags = connect.cleanSession() ? 0b10 : 0;
        int willTopic = 0;
        int willProperties = 0;
        if (connect.will().isPresent()) {
            Connect.Will will = connect.will().get();
            requireQos(will.qos(), "the will QoS", "(MQTT 5.0, 3.1.2.6)");
            willProperties = PropertiesEncoder.length(will.properties(), PropertyIds.WILL);
            willTopic = stringLength(will.topic(), "will topic");
            remaining += withLength(willProperties) + 2 + willTopic + 2 + binaryLength(will.payload(), "will payload");
            flags |= 0b100 | will.qos() << 3 | (will.retain() ? 0b100000 : 0);
        }
        int userName = 0;
        if (connect.userName().isPresent()) {
            userName = stringLength(connect.userName().get(), "user name");
            remaining += 2 + userName;
            flags |= 0b10000000;
        }
        // MQTT 5 allows a password without a user name (3.1.2.9)
        if (connect.password() != null) {
            remaining += 2 + binaryLength(connect.password(), "password");
            flags |= 0b1000000;
        }
        fixedHeader(PacketType.CONNECT, 0, (int) remaining, out);
        out.writeBytes(PacketEncoder.PROTOCOL_NAME, 0, PacketEncoder.PROTOCOL_NAME.length);
        out.writeByte(Connect.MQTT_5);
        out.writeByte(flags);
        out.writeShort(connect.keepAliveSeconds());
        PropertiesEncoder.write(properties, propertyLength, out);
        out.writeString(connect.clientId(), clientId);
        if (connect.will().isPresent()) {
            Connect.Will will = connect.will().get();
            PropertiesEncoder.write(will.properties(), willProperties, out);
            out.writeString(will.topic(), willTopic);
            out.writeBinary(will.payload());
        }
        if (connect.userName().isPresent()) {
            out.writeString(connect.userName().get(), userName);
        }
        if (connect.password() != null) {
            out.writeBinary(connect.password());
        }
    }

    static void connAck(ConnAck connAck, PacketBuffer out) {
        Mqtt5Encoder.requireReason(PacketType.CONNACK, connAck.returnCode());
        if (connAck.sessionPresent() && connAck.returnCode() != ReasonCodes.SUCCESS) {
            throw new IllegalArgumentException("a CONNACK refusing the connection cannot have Session Present "
                + "[MQTT-3.2.2-6]");
        }
        int length = PropertiesEncoder.length(connAck.properties(), PacketType.CONNACK.code());
        fixedHeader(PacketType.CONNACK, 0, 2 + withLength(length), out);
        out.writeByte(connAck.sessionPresent() ? 1 : 0);
        out.writeByte(connAck.returnCode());
        PropertiesEncoder.write(connAck.properties(), length, out);
    }
}
