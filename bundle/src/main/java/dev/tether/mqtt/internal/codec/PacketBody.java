package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;

import java.util.Arrays;

/** The bytes of one packet after its fixed header, read field by field; every read checks the bounds. */
final class PacketBody {

    private final PacketType type;
    private final byte[] bytes;
    private final int end;
    private final boolean properties;
    private int position;

    PacketBody(PacketType type, byte[] bytes, int offset, int length) {
        this(type, bytes, offset, length, false);
    }

    private PacketBody(PacketType type, byte[] bytes, int offset, int length, boolean properties) {
        this.type = type;
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
        this.properties = properties;
    }

    /** A body holding exactly the properties of a packet, read elsewhere (PUBLISH's, from the stream). */
    static PacketBody ofProperties(PacketType type, byte[] bytes, int offset, int length) {
        return new PacketBody(type, bytes, offset, length, true);
    }

    PacketType type() {
        return type;
    }

    /**
     * @return the next {@code length} bytes, checked against what is left, as a body of their own that a property
     *     cannot read beyond; this body goes on after them
     */
    PacketBody properties(int length) throws MalformedPacketException {
        need(length);
        PacketBody slice = new PacketBody(type, bytes, position, length, true);
        position += length;
        return slice;
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
            throw malformed(properties ? "the properties of a " + type + " end inside a property"
                : "a " + type + " packet ends before its fields do");
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

    long fourByteInteger() throws MalformedPacketException {
        need(4);
        long value = (bytes[position] & 0xFFL) << 24 | (bytes[position + 1] & 0xFF) << 16
            | (bytes[position + 2] & 0xFF) << 8 | bytes[position + 3] & 0xFF;
        position += 4;
        return value;
    }

    /**
     * MQTT 5's Variable Byte Integer (MQTT 5.0, 1.5.5): at most four bytes, and the fewest that hold the value
     * [MQTT-1.5.5-1], so that its size follows from its value.
     *
     * @param what what the number is, for the error ("the property length of a SUBACK")
     */
    int variableInteger(String what) throws MalformedPacketException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (!hasMore()) {
                throw malformed((properties ? "the properties of a " + type + " end" : "a " + type
                    + " packet ends") + " inside " + what);
            }
            int digit = bytes[position++] & 0xFF;
            value |= (digit & 0x7F) << 7 * i;
            if ((digit & 0x80) == 0) {
                if (digit == 0 && i > 0) {
                    throw malformed(what + " is not encoded in the fewest bytes [MQTT-1.5.5-1]");
                }
                return value;
            }
        }
        throw malformed(what + " is a variable byte integer of more than 4 bytes (MQTT 5.0, 1.5.5)");
    }

    /** A string whose two-byte length was read and checked against what is left. */
    String string(int length, String what) throws MalformedPacketException {
        need(length);
        String value = MqttStrings.decode(bytes, position, length, what);
        position += length;
        return value;
    }

    /** Binary data whose two-byte length was read and checked against what is left. */
    byte[] bytes(int length) throws MalformedPacketException {
        need(length);
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    int packetId() throws MalformedPacketException {
        int packetId = unsignedShort();
        PacketDecoder.requirePacketId(packetId, type);
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
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    void requireEnd() throws MalformedPacketException {
        if (position != end) {
            throw malformed("a " + type + " packet has " + left() + " bytes more than its fields");
        }
    }
}
