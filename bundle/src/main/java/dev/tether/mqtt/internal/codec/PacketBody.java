package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;

import java.util.Arrays;

/** The bytes of one packet after its fixed header, read field by field; every read checks the bounds. */
final class PacketBody {

    private final PacketType type;
    private final byte[] bytes;
    private final int end;
    private int position;

    PacketBody(PacketType type, byte[] bytes, int offset, int length) {
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
