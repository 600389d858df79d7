package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.protocolError;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads MQTT 3.1.1 packets from a stream (MQTT 3.1.1, chapters 2 and 3), one at a time, checking every rule a
 * receiver can check: reserved flags, lengths, packet ids, UTF-8, the packet types this side may receive. Every
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
     * @param bufferSize    bytes read from the stream at a time while traffic is quiet
     * @param maxBufferSize bytes read at a time at most, under load
     * @see #PacketDecoder(InputStream, Role, int, int, int)
     */
    public PacketDecoder(InputStream in, Role role, int bufferSize, int maxBufferSize, int maxPacketSize,
            int maxPayload) {
        this.input = new InboundBuffer(in, bufferSize, maxBufferSize);
        this.role = role;
        this.maxPacketSize = maxPacketSize;
        this.maxPayload = maxPayload;
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
            throw new EOFException("the connection was closed by the peer");
        }
        PacketType type = PacketType.of(first >>> 4);
        if (type == null || type == PacketType.AUTH) {
            throw malformed("packet type " + (first >>> 4) + " is reserved in MQTT 3.1.1");
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
                + type + " (MQTT 3.1.1, 2.2.1)");
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
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT -> role == Role.SERVER;
            default -> false;
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
        int idLength = qos > 0 ? 2 : 0;
        if (remaining < 2 + idLength) {
            throw malformed("a PUBLISH of " + remaining + " bytes is too short for its topic length and packet id");
        }
        int topicLength = input.readUnsignedShort();
        if (topicLength > remaining - 2 - idLength) {
            throw malformed("a PUBLISH of " + remaining + " bytes announces a topic of " + topicLength + " bytes");
        }
        String topic = string(topicLength, "the topic name");
        if (topic.isEmpty()) {
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
        if (payloadLength > maxPayload) {
            input.skip(payloadLength);
            return new OversizedPublish(topic, payloadLength, qos, packetId);
        }
        byte[] payload = payloadLength == 0 ? EMPTY : input.readBytes(payloadLength);
        return new Publish(topic, payload, qos, (flags & 1) != 0, duplicate, packetId, Properties.NONE);
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

    private static void requirePacketId(int packetId, PacketType type) throws MalformedPacketException {
        if (packetId == 0) {
            throw malformed("a " + type + " with packet id 0 [MQTT-2.3.1-1]");
        }
    }

    private Packet control(PacketType type, int remaining) throws IOException {
        if (role == Role.CLIENT && remaining > CLIENT_CONTROL_PACKET_LIMIT) {
            throw new MalformedPacketException(MalformedPacketException.PACKET_TOO_LARGE, "a " + type + " packet of "
                + remaining + " bytes is larger than any a broker sends (" + CLIENT_CONTROL_PACKET_LIMIT + ")");
        }
        Body body;
        if (remaining <= input.capacity()) {
            input.require(remaining);
            body = new Body(type, input.array(), input.position(), remaining);
            input.advance(remaining);
        } else {
            body = new Body(type, input.readBytes(remaining), 0, remaining);
        }
        Packet packet = switch (type) {
            case CONNACK -> connAck(body);
            case PUBACK -> new PubAck(body.packetIdOnly());
            case PUBREC -> new PubRec(body.packetIdOnly());
            case PUBREL -> new PubRel(body.packetIdOnly());
            case PUBCOMP -> new PubComp(body.packetIdOnly());
            case SUBACK -> subAck(body);
            case UNSUBACK -> new UnsubAck(body.packetIdOnly());
            case PINGRESP -> PingResp.INSTANCE;
            case PINGREQ -> PingReq.INSTANCE;
            case DISCONNECT -> Disconnect.NORMAL;
            case CONNECT -> connect(body);
            case SUBSCRIBE -> subscribe(body);
            case UNSUBSCRIBE -> unsubscribe(body);
            default -> throw protocolError("unexpected " + type);
        };
        body.requireEnd();
        return packet;
    }

    private static ConnAck connAck(Body body) throws MalformedPacketException {
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

    private static SubAck subAck(Body body) throws MalformedPacketException {
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

    private static Connect connect(Body body) throws MalformedPacketException {
        String protocol = body.string("the protocol name");
        int level = body.unsignedByte();
        if (!protocol.equals("MQTT") || level != Connect.MQTT_3_1_1) {
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

    private static Subscribe subscribe(Body body) throws MalformedPacketException {
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

    private static Unsubscribe unsubscribe(Body body) throws MalformedPacketException {
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

    /** The bytes of one packet after its fixed header, read field by field; every read checks the bounds. */
    private static final class Body {

        private final PacketType type;
        private final byte[] bytes;
        private final int end;
        private int position;

        Body(PacketType type, byte[] bytes, int offset, int length) {
            this.type = type;
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        int left() {
            return end - position;
        }

        boolean hasMore() {
            return position < end;
        }

        void requireLength(int length) throws MalformedPacketException {
            if (left() != length) {
                throw malformed("a " + type + " packet of " + left() + " bytes after the fixed header; it has "
                    + length);
            }
        }

        private void need(int count) throws MalformedPacketException {
            if (left() < count) {
                throw malformed("a " + type + " packet ends before its fields do");
            }
        }

        int unsignedByte() throws MalformedPacketException {
            need(1);
            return bytes[position++] & 0xFF;
        }

        int unsignedShort() throws MalformedPacketException {
            need(2);
            int value = (bytes[position] & 0xFF) << 8 | bytes[position + 1] & 0xFF;
            position += 2;
            return value;
        }

        int packetId() throws MalformedPacketException {
            int packetId = unsignedShort();
            requirePacketId(packetId, type);
            return packetId;
        }

        /** The whole body of PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK on MQTT 3.1.1. */
        int packetIdOnly() throws MalformedPacketException {
            requireLength(2);
            return packetId();
        }

        String string(String what) throws MalformedPacketException {
            int length = unsignedShort();
            need(length);
            String value = MqttStrings.decode(bytes, position, length, what);
            position += length;
            return value;
        }

        byte[] binary() throws MalformedPacketException {
            int length = unsignedShort();
            need(length);
            byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        void requireEnd() throws MalformedPacketException {
            if (position != end) {
                throw malformed("a " + type + " packet has " + left() + " bytes more than its fields");
            }
        }
    }
}
