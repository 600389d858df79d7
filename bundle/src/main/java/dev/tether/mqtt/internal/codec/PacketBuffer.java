package dev.tether.mqtt.internal.codec;

import java.util.Arrays;

/** Bytes being written: a growable array that encoded packets are appended to. Not thread safe. */
public final class PacketBuffer {

    private byte[] bytes;
    private int length;

    public PacketBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** @return how many bytes fit without the array growing */
    public int capacity() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Forgets what was written; keeps the array unless it grew beyond {@code keepCapacity}. */
    public void clear(int keepCapacity) {
        length = 0;
        if (bytes.length > keepCapacity) {
            bytes = new byte[keepCapacity];
        }
    }

    /** @return a copy of what was written */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void ensure(int more) {
        int needed = length + more;
        if (needed > bytes.length) {
            long doubled = Math.max(64L, bytes.length * 2L);
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(doubled, needed)));
        }
    }

    void writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    void writeShort(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >> 8);
        bytes[length++] = (byte) value;
    }

    /** MQTT's Variable Byte Integer (MQTT 3.1.1, 2.2.3): 7 bits a byte, least significant first. */
    void writeVariableInt(int value) {
        ensure(4);
        int rest = value;
        do {
            int digit = rest & 0x7F;
            rest >>>= 7;
            bytes[length++] = (byte) (rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }

    /** A Four Byte Integer (MQTT 5.0, 1.5.3): 0 to 4,294,967,295. */
    void writeInt(long value) {
        ensure(4);
        bytes[length++] = (byte) (value >> 24);
        bytes[length++] = (byte) (value >> 16);
        bytes[length++] = (byte) (value >> 8);
        bytes[length++] = (byte) value;
    }

    /** @return the bytes {@link #writeVariableInt(int)} takes for the value: the fewest [MQTT-1.5.5-1] */
    static int variableIntSize(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    void writeBytes(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** Writes a string measured before with {@link MqttStrings#encodedLength}, with its two-byte length. */
    void writeString(String value, int encodedLength) {
        ensure(2 + encodedLength);
        bytes[length++] = (byte) (encodedLength >> 8);
        bytes[length++] = (byte) encodedLength;
        length = MqttStrings.encode(value, bytes, length);
    }

    /** Binary data with its two-byte length (a password, a will payload). */
    void writeBinary(byte[] value) {
        writeShort(value.length);
        writeBytes(value, 0, value.length);
    }
}
