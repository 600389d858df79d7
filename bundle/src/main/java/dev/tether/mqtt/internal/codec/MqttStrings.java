package dev.tether.mqtt.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * MQTT's UTF-8 encoded strings (MQTT 3.1.1, 1.5.3): well-formed UTF-8 as Unicode defines it (no surrogates, no
 * overlong forms, nothing beyond U+10FFFF) [MQTT-1.5.3-1], without U+0000 [MQTT-1.5.3-2], at most 65,535 bytes.
 * Characters beyond U+FFFF (emoji) are four bytes and welcome.
 */
public final class MqttStrings {

    /** The most bytes an MQTT string holds: its length is a two-byte integer. */
    public static final int MAX_BYTES = 65_535;

    private MqttStrings() {
    }

    /**
     * @return the string's length in UTF-8
     * @throws IllegalArgumentException when it holds U+0000 or a surrogate that is not half of a pair
     */
    public static int encodedLength(String value) {
        int length = value.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw new IllegalArgumentException("the NUL character (U+0000) cannot be sent [MQTT-1.5.3-2]");
                }
            } else if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 2;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                    "a lone surrogate (U+%04X at index %d) is not a character and cannot be sent in UTF-8", (int) c, i));
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** @return the problem with the string as an MQTT string, or null when it can be sent */
    public static String problem(String value) {
        try {
            int bytes = encodedLength(value);
            return bytes > MAX_BYTES ? "is " + bytes + " bytes in UTF-8, more than the 65535 MQTT allows" : null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Writes the UTF-8 bytes of a string already measured with {@link #encodedLength(String)}.
     *
     * @return the index after the last byte written
     */
    static int encode(String value, byte[] target, int offset) {
        int at = offset;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                target[at++] = (byte) c;
            } else if (c < 0x800) {
                target[at++] = (byte) (0xC0 | c >> 6);
                target[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                target[at++] = (byte) (0xF0 | codePoint >> 18);
                target[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                target[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                target[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                target[at++] = (byte) (0xE0 | c >> 12);
                target[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                target[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return at;
    }

    /**
     * @param what what the string is, for the error ("topic name", "client identifier")
     * @return the string the bytes encode
     * @throws MalformedPacketException when they are not well-formed UTF-8 or hold U+0000
     */
    static String decode(byte[] bytes, int offset, int length, String what) throws MalformedPacketException {
        int end = offset + length;
        int i = offset;
        // most topics are ASCII: check them in one tight loop, then let the JDK copy them
        while (i < end && bytes[i] > 0) {
            i++;
        }
        if (i == end) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                throw MalformedPacketException.malformed(what + " contains U+0000 at byte " + (i - offset)
                    + " [MQTT-1.5.3-2]");
            }
            int size = sequenceLength(bytes, i, end);
            if (size < 0) {
                throw MalformedPacketException.malformed(what + " is not well-formed UTF-8 (byte 0x"
                    + Integer.toHexString(b) + " at " + (i - offset) + ") [MQTT-1.5.3-1]");
            }
            i += size;
        }
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** @return the length of the well-formed sequence at {@code i} (Unicode 15, table 3-7), or -1 */
    private static int sequenceLength(byte[] bytes, int i, int end) {
        int b = bytes[i] & 0xFF;
        if (b < 0x80) {
            return 1;
        }
        int size;
        int low = 0x80;
        int high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            size = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            size = 3;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            size = 4;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        if (i + size > end) {
            return -1;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < low || second > high) {
            return -1;
        }
        for (int k = 2; k < size; k++) {
            int next = bytes[i + k] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                return -1;
            }
        }
        return size;
    }
}
