package dev.tether.bench.wire;

/** Reads MQTT 5 properties (MQTT 5.0, 2.2.2): enough of them to find the few the benchmark reports. */
final class Properties {

    static final int TOPIC_ALIAS = 0x23;

    /** Called per property: its identifier and its value when it is a number, else null. */
    interface Visitor {
        void property(int id, Long value);
    }

    private Properties() {
    }

    /**
     * Reads the property length at {@code offset} and the properties after it, as far as {@code limit} allows.
     *
     * @throws IllegalArgumentException on an identifier MQTT 5 does not define
     */
    static void read(byte[] data, int offset, int limit, Visitor visitor) {
        int at = offset;
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = data[at++] & 0xFF;
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        int end = Math.min(limit, at + length);
        while (at < end) {
            int id = data[at++] & 0xFF;
            switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> {
                    visitor.property(id, (long) (data[at] & 0xFF));
                    at += 1;
                }
                case 0x13, 0x21, 0x22, 0x23 -> {
                    visitor.property(id, (long) ((data[at] & 0xFF) << 8 | data[at + 1] & 0xFF));
                    at += 2;
                }
                case 0x02, 0x11, 0x18, 0x27 -> {
                    visitor.property(id, ((long) (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16
                        | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF) & 0xFFFFFFFFL);
                    at += 4;
                }
                case 0x0B -> {
                    long value = 0;
                    int bits = 0;
                    do {
                        digit = data[at++] & 0xFF;
                        value |= (long) (digit & 0x7F) << bits;
                        bits += 7;
                    } while ((digit & 0x80) != 0);
                    visitor.property(id, value);
                }
                case 0x03, 0x08, 0x09, 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F -> {
                    at += 2 + ((data[at] & 0xFF) << 8 | data[at + 1] & 0xFF);
                    visitor.property(id, null);
                }
                case 0x26 -> {
                    at += 2 + ((data[at] & 0xFF) << 8 | data[at + 1] & 0xFF);
                    at += 2 + ((data[at] & 0xFF) << 8 | data[at + 1] & 0xFF);
                    visitor.property(id, null);
                }
                default -> throw new IllegalArgumentException("property identifier 0x" + Integer.toHexString(id));
            }
        }
    }

    /** @return the property's name in the MQTT 5 specification, e.g. "Receive Maximum" */
    static String name(int id) {
        return switch (id) {
            case 0x01 -> "Payload Format Indicator";
            case 0x02 -> "Message Expiry Interval";
            case 0x0B -> "Subscription Identifier";
            case 0x11 -> "Session Expiry Interval";
            case 0x13 -> "Server Keep Alive";
            case 0x17 -> "Request Problem Information";
            case 0x18 -> "Will Delay Interval";
            case 0x19 -> "Request Response Information";
            case 0x21 -> "Receive Maximum";
            case 0x22 -> "Topic Alias Maximum";
            case 0x23 -> "Topic Alias";
            case 0x24 -> "Maximum QoS";
            case 0x25 -> "Retain Available";
            case 0x27 -> "Maximum Packet Size";
            case 0x28 -> "Wildcard Subscription Available";
            case 0x29 -> "Subscription Identifier Available";
            case 0x2A -> "Shared Subscription Available";
            default -> "0x" + Integer.toHexString(id);
        };
    }
}
