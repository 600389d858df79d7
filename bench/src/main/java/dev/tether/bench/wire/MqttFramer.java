package dev.tether.bench.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits one direction of an MQTT connection into packets, as the bytes pass, and counts them: bytes and packets per
 * packet type, and of the PUBLISH packets those that set up a topic alias (a topic and a Topic Alias property) and
 * those that use one (an empty topic). It also reads the protocol level of a CONNECT and the properties of an MQTT 5
 * CONNACK (the broker's Receive Maximum, Topic Alias Maximum, ...). A byte count is of MQTT packets, fixed header
 * included, not of TCP or IP headers. Not thread safe: one framer per direction, fed by one thread, read through
 * {@link #snapshot} under the caller's lock.
 */
public final class MqttFramer {

    /** The MQTT control packet types, by their number (1 to 15). */
    static final String[] TYPES = {"reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
        "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    public static final int PUBLISH = 3;
    private static final int CONNECT = 1;
    private static final int CONNACK = 2;
    /** Packets are kept whole up to this size, enough for the properties of any the benchmark sends. */
    private static final int KEPT = 1 << 16;

    private enum State { TYPE, LENGTH, BODY }

    private State state = State.TYPE;
    private int header;
    private int remaining;
    private int multiplier;
    private int lengthBytes;
    private int bodyRead;
    private byte[] body = new byte[256];
    private int kept;

    private final long[] packets = new long[16];
    private final long[] bytes = new long[16];
    private long total;
    private long aliasSetUp;
    private long aliasUsed;
    private int protocolLevel;
    private final Map<String, Long> connack = new LinkedHashMap<>();
    private String error;

    /** What one direction carried so far. */
    public record Snapshot(long totalBytes, long[] packets, long[] bytes, long aliasSetUp, long aliasUsed,
            int protocolLevel, Map<String, Long> connackProperties, String error) {

        public long packets(int type) {
            return packets[type];
        }

        public long bytes(int type) {
            return bytes[type];
        }

        /** @return e.g. {CONNECT=1, PUBLISH=100} */
        public Map<String, Long> packetCounts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int type = 1; type < 16; type++) {
                if (packets[type] > 0) {
                    counts.put(TYPES[type], packets[type]);
                }
            }
            return counts;
        }
    }

    /** Counts {@code length} bytes of the stream, which must follow the bytes counted before. */
    public void accept(byte[] data, int offset, int length) {
        total += length;
        int end = offset + length;
        int at = offset;
        while (at < end && error == null) {
            switch (state) {
                case TYPE -> {
                    header = data[at++] & 0xFF;
                    remaining = 0;
                    multiplier = 1;
                    lengthBytes = 0;
                    state = State.LENGTH;
                }
                case LENGTH -> {
                    int digit = data[at++] & 0xFF;
                    remaining += (digit & 0x7F) * multiplier;
                    multiplier *= 128;
                    if (++lengthBytes > 4) {
                        error = "a remaining length of more than 4 bytes";
                    } else if ((digit & 0x80) == 0) {
                        startBody();
                    }
                }
                case BODY -> {
                    int take = Math.min(end - at, remaining - bodyRead);
                    int keep = Math.min(take, kept - Math.min(kept, bodyRead));
                    if (keep > 0) {
                        System.arraycopy(data, at, body, bodyRead, keep);
                    }
                    bodyRead += take;
                    at += take;
                    if (bodyRead == remaining) {
                        packetDone();
                    }
                }
            }
        }
    }

    private void startBody() {
        bodyRead = 0;
        int type = header >>> 4;
        kept = Math.min(remaining, KEPT);
        if (body.length < kept) {
            body = new byte[Math.max(kept, body.length * 2)];
        }
        if (remaining == 0) {
            packetDone();
        } else {
            state = State.BODY;
        }
    }

    private void packetDone() {
        int type = header >>> 4;
        packets[type]++;
        bytes[type] += 1 + lengthBytes + remaining;
        try {
            switch (type) {
                case CONNECT -> protocolLevel = kept > 6 ? body[6] & 0xFF : 0;
                case CONNACK -> connack(body, kept);
                case PUBLISH -> publish(body, kept, (header >>> 1) & 3);
                default -> {
                    // counted only
                }
            }
        } catch (RuntimeException e) {
            error = "a " + TYPES[type] + " that could not be read: " + e;
        }
        state = State.TYPE;
    }

    private void connack(byte[] data, int length) {
        connack.clear();
        if (length <= 2) {
            // MQTT 3.1.1: flags and return code, no properties
            return;
        }
        Properties.read(data, 2, length, (id, value) -> {
            if (value != null) {
                connack.put(Properties.name(id), value);
            }
        });
    }

    private void publish(byte[] data, int length, int qos) {
        int topicLength = (data[0] & 0xFF) << 8 | data[1] & 0xFF;
        if (protocolLevel != 5) {
            return;
        }
        int at = 2 + topicLength + (qos > 0 ? 2 : 0);
        boolean[] alias = new boolean[1];
        Properties.read(data, at, length, (id, value) -> alias[0] |= id == Properties.TOPIC_ALIAS);
        if (topicLength == 0 && alias[0]) {
            aliasUsed++;
        } else if (alias[0]) {
            aliasSetUp++;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(total, packets.clone(), bytes.clone(), aliasSetUp, aliasUsed, protocolLevel,
            Map.copyOf(connack), error);
    }
}
