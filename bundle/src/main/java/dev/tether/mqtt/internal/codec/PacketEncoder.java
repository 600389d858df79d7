package dev.tether.mqtt.internal.codec;

import java.util.List;

/**
 * Writes packets as MQTT 3.1.1 or MQTT 5.0 bytes (chapters 2 and 3 of each). Every packet type is encoded, the
 * ones a broker sends too, so that tests can play the broker. Immutable: one instance per version serves every
 * connection of that version. The MQTT 5 forms are {@link Mqtt5Encoder}'s; the MQTT 3.1.1 ones are here.
 */
public final class PacketEncoder {

    /** The most bytes after the fixed header (MQTT 3.1.1, 2.2.3). */
    public static final int MAX_REMAINING_LENGTH = 268_435_455;

    static final byte[] PROTOCOL_NAME = {0, 4, 'M', 'Q', 'T', 'T'};
    private static final int FLAGS_RESERVED_0010 = 0b0010;

    private final ProtocolVersion version;

    /** An MQTT 3.1.1 encoder. */
    public PacketEncoder() {
        this(ProtocolVersion.MQTT_3_1_1);
    }

    /** @param version the version of the connection, which the encoder writes */
    public PacketEncoder(ProtocolVersion version) {
        this.version = version;
    }

    public ProtocolVersion version() {
        return version;
    }

    /**
     * Appends the packet's bytes.
     *
     * @throws IllegalArgumentException when a field cannot be encoded: a string MQTT cannot carry, a packet
     *     larger than {@link #MAX_REMAINING_LENGTH}, a number out of its field's range, a packet the version
     *     forbids (a receiver would close the connection); on MQTT 5 also a reason code the packet cannot carry,
     *     a property not allowed in it, repeated or out of range; nothing is written then. MQTT 3.1.1 writes
     *     neither properties nor reason codes, whatever the packet holds.
     */
    public void encode(Packet packet, PacketBuffer out) {
        if (version == ProtocolVersion.MQTT_5) {
            Mqtt5Encoder.encode(packet, out);
            return;
        }
        switch (packet.type()) {
            case PUBLISH -> publish(packet, out);
            case PUBACK -> idOnly(PacketType.PUBACK, 0, ((PubAck) packet).packetId(), out);
            case PUBREC -> idOnly(PacketType.PUBREC, 0, ((PubRec) packet).packetId(), out);
            case PUBREL -> idOnly(PacketType.PUBREL, FLAGS_RESERVED_0010, ((PubRel) packet).packetId(), out);
            case PUBCOMP -> idOnly(PacketType.PUBCOMP, 0, ((PubComp) packet).packetId(), out);
            case CONNECT -> connect((Connect) packet, out);
            case CONNACK -> connAck((ConnAck) packet, out);
            case SUBSCRIBE -> subscribe((Subscribe) packet, out);
            case SUBACK -> subAck((SubAck) packet, out);
            case UNSUBSCRIBE -> unsubscribe((Unsubscribe) packet, out);
            case UNSUBACK -> idOnly(PacketType.UNSUBACK, 0, ((UnsubAck) packet).packetId(), out);
            case PINGREQ, PINGRESP, DISCONNECT -> headerOnly(packet.type(), out);
            default -> throw new IllegalArgumentException("MQTT 3.1.1 has no " + packet.type() + " packet");
        }
    }

    static void requirePacketId(PacketType type, int packetId) {
        if (packetId < 1 || packetId > 0xFFFF) {
            throw new IllegalArgumentException("a " + type + " needs a packet id of 1 to 65535, not " + packetId
                + " [MQTT-2.3.1-1]");
        }
    }

    static void requireQos(int qos, String what, String rule) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException(what + " " + qos + " is not 0, 1 or 2 " + rule);
        }
    }

    static void fixedHeader(PacketType type, int flags, int remainingLength, PacketBuffer out) {
        if (remainingLength > MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("a " + type + " packet of " + remainingLength
                + " bytes is larger than MQTT allows (" + MAX_REMAINING_LENGTH + " after the fixed header)");
        }
        out.ensure(5 + remainingLength);
        out.writeByte(type.code() << 4 | flags);
        out.writeVariableInt(remainingLength);
    }

    static int stringLength(String value, String what) {
        int length;
        try {
            length = MqttStrings.encodedLength(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        if (length > MqttStrings.MAX_BYTES) {
            throw new IllegalArgumentException(what + " is " + length + " bytes in UTF-8, more than 65535");
        }
        return length;
    }

    static int binaryLength(byte[] value, String what) {
        if (value.length > MqttStrings.MAX_BYTES) {
            throw new IllegalArgumentException(what + " is " + value.length + " bytes, more than 65535");
        }
        return value.length;
    }

    private static void publish(Packet packet, PacketBuffer out) {
        if (!(packet instanceof Publish publish)) {
            throw new IllegalArgumentException("an OversizedPublish only reports a payload that was skipped; it has "
                + "none to send");
        }
        if (publish.qos() > 0) {
            requirePacketId(PacketType.PUBLISH, publish.packetId());
        } else if (publish.duplicate()) {
            throw new IllegalArgumentException("a QoS 0 PUBLISH cannot have the DUP flag [MQTT-3.3.1-2]");
        }
        if (publish.topic().isEmpty()) {
            throw new IllegalArgumentException("a PUBLISH needs a topic name [MQTT-4.7.3-1]");
        }
        if (publish.topic().indexOf('+') >= 0 || publish.topic().indexOf('#') >= 0) {
            throw new IllegalArgumentException("the topic name '" + publish.topic() + "' of a PUBLISH contains a "
                + "wildcard [MQTT-3.3.2-2]");
        }
        int topicLength = stringLength(publish.topic(), "topic name");
        int payload = publish.payload().length;
        long remaining = 2L + topicLength + (publish.qos() > 0 ? 2 : 0) + payload;
        int flags = (publish.duplicate() ? 0b1000 : 0) | publish.qos() << 1 | (publish.retain() ? 1 : 0);
        fixedHeader(PacketType.PUBLISH, flags, (int) Math.min(remaining, Integer.MAX_VALUE), out);
        out.writeString(publish.topic(), topicLength);
        if (publish.qos() > 0) {
            out.writeShort(publish.packetId());
        }
        out.writeBytes(publish.payload(), 0, payload);
    }

    private static void idOnly(PacketType type, int flags, int packetId, PacketBuffer out) {
        requirePacketId(type, packetId);
        fixedHeader(type, flags, 2, out);
        out.writeShort(packetId);
    }

    private static void headerOnly(PacketType type, PacketBuffer out) {
        fixedHeader(type, 0, 0, out);
    }

    private static void connect(Connect connect, PacketBuffer out) {
        // the protocol name written is "MQTT", which goes with level 4 only (3.1 was "MQIsdp", 5 has properties)
        if (connect.protocolLevel() != Connect.MQTT_3_1_1) {
            throw new IllegalArgumentException("this encoder writes MQTT 3.1.1, protocol level 4, not level "
                + connect.protocolLevel());
        }
        if (connect.keepAliveSeconds() < 0 || connect.keepAliveSeconds() > 0xFFFF) {
            throw new IllegalArgumentException("a keep alive of " + connect.keepAliveSeconds()
                + " s is not 0 to 65535 s");
        }
        if (connect.password() != null && connect.userName().isEmpty()) {
            throw new IllegalArgumentException("a password needs a user name in MQTT 3.1.1 [MQTT-3.1.2-22]");
        }
        int clientId = stringLength(connect.clientId(), "client identifier");
        long remaining = PROTOCOL_NAME.length + 1 + 1 + 2 + 2 + clientId;
        int flags = connect.cleanSession() ? 0b10 : 0;
        int willTopic = 0;
        if (connect.will().isPresent()) {
            Connect.Will will = connect.will().get();
            requireQos(will.qos(), "the will QoS", "[MQTT-3.1.2-14]");
            willTopic = stringLength(will.topic(), "will topic");
            remaining += 2 + willTopic + 2 + binaryLength(will.payload(), "will message");
            flags |= 0b100 | will.qos() << 3 | (will.retain() ? 0b100000 : 0);
        }
        int userName = 0;
        if (connect.userName().isPresent()) {
            userName = stringLength(connect.userName().get(), "user name");
            remaining += 2 + userName;
            flags |= 0b10000000;
        }
        if (connect.password() != null) {
            remaining += 2 + binaryLength(connect.password(), "password");
            flags |= 0b1000000;
        }
        fixedHeader(PacketType.CONNECT, 0, (int) remaining, out);
        out.writeBytes(PROTOCOL_NAME, 0, PROTOCOL_NAME.length);
        out.writeByte(connect.protocolLevel());
        out.writeByte(flags);
        out.writeShort(connect.keepAliveSeconds());
        out.writeString(connect.clientId(), clientId);
        if (connect.will().isPresent()) {
            out.writeString(connect.will().get().topic(), willTopic);
            out.writeBinary(connect.will().get().payload());
        }
        if (connect.userName().isPresent()) {
            out.writeString(connect.userName().get(), userName);
        }
        if (connect.password() != null) {
            out.writeBinary(connect.password());
        }
    }

    private static void connAck(ConnAck connAck, PacketBuffer out) {
        if (connAck.returnCode() < 0 || connAck.returnCode() > 5) {
            throw new IllegalArgumentException("the CONNACK return code " + connAck.returnCode()
                + " is not one of MQTT 3.1.1's (0 to 5)");
        }
        fixedHeader(PacketType.CONNACK, 0, 2, out);
        out.writeByte(connAck.sessionPresent() ? 1 : 0);
        out.writeByte(connAck.returnCode());
    }

    private static void subscribe(Subscribe subscribe, PacketBuffer out) {
        requirePacketId(PacketType.SUBSCRIBE, subscribe.packetId());
        List<Subscribe.Subscription> subscriptions = subscribe.subscriptions();
        int[] lengths = new int[subscriptions.size()];
        long remaining = 2;
        for (int i = 0; i < lengths.length; i++) {
            requireQos(subscriptions.get(i).qos(), "the requested QoS", "[MQTT-3.8.3-4]");
            lengths[i] = stringLength(subscriptions.get(i).filter(), "topic filter");
            remaining += 2 + lengths[i] + 1;
        }
        fixedHeader(PacketType.SUBSCRIBE, FLAGS_RESERVED_0010, (int) Math.min(remaining, Integer.MAX_VALUE), out);
        out.writeShort(subscribe.packetId());
        for (int i = 0; i < lengths.length; i++) {
            out.writeString(subscriptions.get(i).filter(), lengths[i]);
            out.writeByte(subscriptions.get(i).qos());
        }
    }

    private static void subAck(SubAck subAck, PacketBuffer out) {
        requirePacketId(PacketType.SUBACK, subAck.packetId());
        for (int code : subAck.returnCodes()) {
            if ((code < 0 || code > 2) && code != SubAck.FAILURE) {
                throw new IllegalArgumentException("the SUBACK return code " + code
                    + " is not 0, 1, 2 or 0x80 [MQTT-3.9.3-2]");
            }
        }
        fixedHeader(PacketType.SUBACK, 0, 2 + subAck.returnCodes().size(), out);
        out.writeShort(subAck.packetId());
        for (int code : subAck.returnCodes()) {
            out.writeByte(code);
        }
    }

    private static void unsubscribe(Unsubscribe unsubscribe, PacketBuffer out) {
        requirePacketId(PacketType.UNSUBSCRIBE, unsubscribe.packetId());
        List<String> filters = unsubscribe.filters();
        int[] lengths = new int[filters.size()];
        long remaining = 2;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = stringLength(filters.get(i), "topic filter");
            remaining += 2 + lengths[i];
        }
        fixedHeader(PacketType.UNSUBSCRIBE, FLAGS_RESERVED_0010, (int) Math.min(remaining, Integer.MAX_VALUE), out);
        out.writeShort(unsubscribe.packetId());
        for (int i = 0; i < lengths.length; i++) {
            out.writeString(filters.get(i), lengths[i]);
        }
    }
}
