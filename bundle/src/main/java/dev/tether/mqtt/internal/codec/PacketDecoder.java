package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.protocolError;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads MQTT 3.1.1 or MQTT 5.0 packets from a stream (chapters 2 and 3 of each), one at a time, checking every rule
 * a receiver can check: reserved flags, lengths, packet ids, UTF-8, the packet types this side may receive, and on
 * MQTT 5 reason codes and properties. A client's decoder reads the version its link chose; a server's reads the
 * version of the CONNECT it receives, up to the highest it was given. Every
 * allocation is bounded before it is made: a packet larger than the limit is refused from its fixed header, a
 * PUBLISH payload larger than the payload limit is skipped without being stored, and other packets must be small.
 * Confined to the reading thread.
 */
public final class PacketDecoder {

    /** Which side reads: a client receives what a broker sends, and the other way round. */
    public enum Role {
        CLIENT, SERVER
    }

    /** The largest packet other than PUBLISH a client accepts: a SUBACK for 65,535 filters, say. */
    static final int CLIENT_CONTROL_PACKET_LIMIT = 2 + 65_535;
    private static final byte[] EMPTY = new byte[0];

    private final InboundBuffer input;
    private final Role role;
    private final ProtocolVersion highest;
    private ProtocolVersion version;
    private final int maxPacketSize;
    private final int maxPayload;

    /**
     * @param in            the stream; not closed here
     * @param role          which side reads
     * @param bufferSize    bytes read from the stream at a time; at least 2
     * @param maxPacketSize the most bytes after the fixed header accepted; a larger packet is malformed
     * @param maxPayload    PUBLISH payloads larger than this are skipped ({@link OversizedPublish})
     * @throws IllegalArgumentException when the buffer is smaller than 2 bytes
     */
    public PacketDecoder(InputStream in, Role role, int bufferSize, int maxPacketSize, int maxPayload) {
        this(in, role, bufferSize, bufferSize, maxPacketSize, maxPayload);
    }

    /**
     * An MQTT 3.1.1 decoder.
     *
     * @see #PacketDecoder(InputStream, Role, ProtocolVersion, int, int, int, int)
     */
    public PacketDecoder(InputStream in, Role role, int bufferSize, int maxBufferSize, int maxPacketSize,
            int maxPayload) {
        this(in, role, ProtocolVersion.MQTT_3_1_1, bufferSize, maxBufferSize, maxPacketSize, maxPayload);
    }

    /**
     * @param version       a client's: the version of its link, which its CONNECT announced; a server's: the
     *                      highest it speaks, a CONNECT of a lower level makes it read that level from then on
     * @param bufferSize    bytes read from the stream at a time while traffic is quiet
     * @param maxBufferSize bytes read at a time at most, under load
     * @see #PacketDecoder(InputStream, Role, int, int, int)
     */
    public PacketDecoder(InputStream in, Role role, ProtocolVersion version, int bufferSize, int maxBufferSize,
            int maxPacketSize, int maxPayload) {
        this.input = new InboundBuffer(in, bufferSize, maxBufferSize);
        this.role = role;
        this.highest = version;
        this.version = version;
        this.maxPacketSize = maxPacketSize;
        this.maxPayload = maxPayload;
    }

    /** @return the version read: a server's becomes the CONNECT's once it has read one */
    public ProtocolVersion version() {
        return version;
    }

    /** @return whether bytes of the next packet have arrived already, so reading it may not block */
    public boolean hasBuffered() {
        return input.buffered() > 0;
    }

    /** The reader is about to wait for the network: memory taken for a burst of traffic may go back. */
    public void trim() {
        input.trim();
    }

    /**
     * @return the next packet; blocks until it has arrived whole
     * @throws EOFException             when the stream ends, saying whether in the middle of a packet
     * @throws MalformedPacketException when the bytes break the specification
     */
    public Packet read() throws IOException {
        int first;
        try {
            first = input.readUnsignedByte();
        } catch (EOFException e) {
            throw new PeerClosedException();
        }
        PacketType type = PacketType.of(first >>> 4);
        if (type == null || type == PacketType.AUTH && version != ProtocolVersion.MQTT_5) {
            throw malformed("packet type " + (first >>> 4) + " is reserved in " + version);
        }
        int flags = first & 0x0F;
        int remaining;
        try {
            remaining = remainingLength(type);
        } catch (EOFException e) {
            throw new EOFException("the connection ended inside the fixed header of a " + type + " packet");
        }
        if (!receivable(type)) {
            throw protocolError("a " + (role == Role.CLIENT ? "client" : "server") + " never receives "
                + type + (version == ProtocolVersion.MQTT_5 ? " (MQTT 5.0, 2.1.2)" : " (MQTT 3.1.1, 2.2.1)"));
        }
        if (remaining > maxPacketSize) {
            throw new MalformedPacketException(MalformedPacketException.PACKET_TOO_LARGE, "a " + type + " packet of "
                + remaining + " bytes is larger than the " + maxPacketSize + " accepted");
        }
        try {
            if (type == PacketType.PUBLISH) {
                return publish(flags, remaining);
            }
            requireFlags(type, flags);
            return control(type, remaining);
        } catch (EOFException e) {
            throw new EOFException("the connection ended in the middle of a " + type + " packet of " + remaining
                + " bytes");
        }
    }

    /** MQTT's Variable Byte Integer: at most four bytes [MQTT-2.2.3]. */
    private int remainingLength(PacketType type) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int digit = input.readUnsignedByte();
            value |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("the remaining length of a " + type + " packet has more than 4 bytes");
    }

    private boolean receivable(PacketType type) {
        return switch (type) {
            case PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP -> true;
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> role == Role.CLIENT;
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ -> role == Role.SERVER;
            // on MQTT 5 the server disconnects too, with a reason; and either side may authenticate
            case DISCONNECT -> role == Role.SERVER || version == ProtocolVersion.MQTT_5;
            case AUTH -> version == ProtocolVersion.MQTT_5;
        };
    }

    private static void requireFlags(PacketType type, int flags) throws MalformedPacketException {
        int expected = type == PacketType.PUBREL || type == PacketType.SUBSCRIBE || type == PacketType.UNSUBSCRIBE
            ? 0b0010 : 0;
        if (flags != expected) {
            throw malformed("the fixed header flags of a " + type + " packet are " + bits(flags) + ", not "
                + bits(expected) + " [MQTT-2.2.2-2]");
        }
    }

    private static String bits(int flags) {
        return String.format("%4s", Integer.toBinaryString(flags)).replace(' ', '0');
    }

    private Packet publish(int flags, int remaining) throws IOException {
        int qos = flags >> 1 & 0b11;
        boolean duplicate = (flags & 0b1000) != 0;
        if (qos == 3) {
            throw malformed("a PUBLISH with QoS 3 [MQTT-3.3.1-4]");
        }
        if (qos == 0 && duplicate) {
            throw malformed("a QoS 0 PUBLISH with the DUP flag set [MQTT-3.3.1-2]");
        }
        boolean mqtt5 = version == ProtocolVersion.MQTT_5;
        int idLength = qos > 0 ? 2 : 0;
        // MQTT 5 has at least one byte more: the property length
        int fixed = 2 + idLength + (mqtt5 ? 1 : 0);
        if (remaining < fixed) {
            throw malformed("a PUBLISH of " + remaining + " bytes is too short for its topic length and packet id"
                + (mqtt5 ? " and property length" : ""));
        }
        int topicLength = input.readUnsignedShort();
        if (topicLength > remaining - fixed) {
            throw malformed("a PUBLISH of " + remaining + " bytes announces a topic of " + topicLength + " bytes");
        }
        String topic = string(topicLength, "the topic name");
        if (topic.isEmpty() && !mqtt5) {
            throw malformed("a PUBLISH with an empty topic name [MQTT-4.7.3-1]");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw malformed("the topic name '" + topic + "' of a PUBLISH contains a wildcard [MQTT-3.3.2-2]");
        }
        int packetId = 0;
        if (qos > 0) {
            packetId = input.readUnsignedShort();
            requirePacketId(packetId, PacketType.PUBLISH);
        }
        int payloadLength = remaining - 2 - topicLength - idLength;
        Properties properties = Properties.NONE;
        if (mqtt5) {
            int propertyLength = PublishProperties.length(input, payloadLength);
            payloadLength -= PacketBuffer.variableIntSize(propertyLength) + propertyLength;
            properties = PublishProperties.read(input, propertyLength);
            Mqtt5Packets.checkPublish(topic, properties, role);
        }
        if (payloadLength > maxPayload) {
            input.skip(payloadLength);
            return new OversizedPublish(topic, payloadLength, qos, packetId, properties);
        }
        byte[] payload = payloadLength == 0 ? EMPTY : input.readBytes(payloadLength);
        return new Publish(topic, payload, qos, (flags & 1) != 0, duplicate, packetId, properties);
    }

    private String string(int length, String what) throws IOException {
        if (length <= input.capacity()) {
            input.require(length);
            String value = MqttStrings.decode(input.array(), input.position(), length, what);
            input.advance(length);
            return value;
        }
        return MqttStrings.decode(input.readBytes(length), 0, length, what);
    }

    static void requirePacketId(int packetId, PacketType type) throws MalformedPacketException {
        if (packetId == 0) {
            throw malformed("a " + type + " with packet id 0 [MQTT-2.3.1-1]");
        }
    }

    private Packet control(PacketType type, int remaining) throws IOException {
        // MQTT 5 control packets carry properties of any size: only the packet limit bounds them
        if (role == Role.CLIENT && version == ProtocolVersion.MQTT_3_1_1 && remaining > CLIENT_CONTROL_PACKET_LIMIT) {
            throw new MalformedPacketException(MalformedPacketException.PACKET_TOO_LARGE, "a " + type + " packet of "
                + remaining + " bytes is larger than any a broker sends (" + CLIENT_CONTROL_PACKET_LIMIT + ")");
        }
        PacketBody body;
        if (remaining <= input.capacity()) {
            input.require(remaining);
            body = new PacketBody(type, input.array(), input.position(), remaining);
            input.advance(remaining);
        } else {
            body = new PacketBody(type, input.readBytes(remaining), 0, remaining);
        }
        Packet packet;
        if (type == PacketType.CONNECT) {
            Connect connect = ControlPackets.connect(body, highest);
            version = ProtocolVersion.ofLevel(connect.protocolLevel());
            packet = connect;
        } else if (version == ProtocolVersion.MQTT_5) {
            packet = Mqtt5Packets.decode(type, body, role);
        } else {
            packet = mqtt311(type, body);
        }
        body.requireEnd();
        return packet;
    }

    private static Packet mqtt311(PacketType type, PacketBody body) throws MalformedPacketException {
        return switch (type) {
            case CONNACK -> ControlPackets.connAck(body);
            case PUBACK -> new PubAck(body.packetIdOnly());
            case PUBREC -> new PubRec(body.packetIdOnly());
            case PUBREL -> new PubRel(body.packetIdOnly());
            case PUBCOMP -> new PubComp(body.packetIdOnly());
            case SUBACK -> ControlPackets.subAck(body);
            case UNSUBACK -> new UnsubAck(body.packetIdOnly());
            case PINGRESP -> PingResp.INSTANCE;
            case PINGREQ -> PingReq.INSTANCE;
            case DISCONNECT -> Disconnect.NORMAL;
            case SUBSCRIBE -> ControlPackets.subscribe(body);
            case UNSUBSCRIBE -> ControlPackets.unsubscribe(body);
            default -> throw protocolError("unexpected " + type);
        };
    }
}
