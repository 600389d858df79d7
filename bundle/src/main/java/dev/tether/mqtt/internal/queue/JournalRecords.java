package dev.tether.mqtt.internal.queue;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.internal.codec.MalformedPacketException;
import dev.tether.mqtt.internal.codec.PublishSizes;
import dev.tether.mqtt.internal.session.SessionState;

/**
 * The records of the queue's segment files. Each is framed as
 * <pre>
 *   int length   bytes after this 8-byte header
 *   int crc      CRC-32C of those bytes
 *   byte type    MESSAGE, ACK or STATE
 *   long key     the message's place in the order of publishing
 *   ...          MESSAGE: version, accepted-at millis, QoS, retain, topic, payload, [properties,] packet id,
 *                released (version 2 has the MQTT 5 properties, as PUBLISH carries them; version 1, with none,
 *                is written for a message without properties, as before they existed);
 *                STATE: packet id, released; ACK: nothing
 * </pre>
 * so a record torn by a crash, or damaged on disk, is recognised by its length or its checksum.
 */
final class JournalRecords {

    static final byte MESSAGE = 1;
    /** The message was acknowledged, dropped or failed: it is not sent again. */
    static final byte ACK = 2;
    /** The packet id a message was sent with, and whether the broker has it (PUBREC). */
    static final byte STATE = 3;

    static final int HEADER_BYTES = 8;
    /** The type and the key: the least a record carries after its header. */
    static final int MIN_LENGTH = 9;
    static final int ACK_BYTES = HEADER_BYTES + MIN_LENGTH;
    static final int STATE_BYTES = ACK_BYTES + 3;
    /** A MESSAGE record without its topic and payload: 17 framing + 22 fields. */
    static final int MESSAGE_OVERHEAD = ACK_BYTES + 22;

    private static final int WITHOUT_PROPERTIES = 1;
    private static final int WITH_PROPERTIES = 2;

    private JournalRecords() {
    }

    /** @return the whole MESSAGE record, framed, ready to write */
    static ByteBuffer message(long key, OutboundMessage message) {
        byte[] topic = message.topic.getBytes(StandardCharsets.UTF_8);
        byte[] properties = message.storedProperties();
        boolean withProperties = properties.length > 0;
        ByteBuffer record = frame(MESSAGE_OVERHEAD + topic.length + message.payload.length
            + (withProperties ? 4 + properties.length : 0), MESSAGE, key);
        record.put((byte) (withProperties ? WITH_PROPERTIES : WITHOUT_PROPERTIES)).putLong(message.acceptedAtMillis)
            .put((byte) message.qos).put((byte) (message.retain ? 1 : 0)).putInt(topic.length).put(topic)
            .putInt(message.payload.length).put(message.payload);
        if (withProperties) {
            record.putInt(properties.length).put(properties);
        }
        putState(record, message);
        return seal(record);
    }

    /** Appends an ACK record to {@code out}, which has room for {@link #ACK_BYTES}. */
    static void ack(long key, ByteBuffer out) {
        int start = out.position();
        out.putInt(MIN_LENGTH).putInt(0).put(ACK).putLong(key);
        out.putInt(start + 4, checksum(out, start + HEADER_BYTES, MIN_LENGTH));
    }

    static ByteBuffer state(long key, OutboundMessage message) {
        ByteBuffer record = frame(STATE_BYTES, STATE, key);
        putState(record, message);
        return seal(record);
    }

    private static void putState(ByteBuffer record, OutboundMessage message) {
        record.putShort((short) message.packetId()).put((byte) (message.released() ? 1 : 0));
    }

    private static ByteBuffer frame(int size, byte type, long key) {
        ByteBuffer record = ByteBuffer.allocate(size);
        record.putInt(size - HEADER_BYTES).putInt(0).put(type).putLong(key);
        return record;
    }

    private static ByteBuffer seal(ByteBuffer record) {
        record.putInt(4, checksum(record, HEADER_BYTES, record.capacity() - HEADER_BYTES));
        return record.flip();
    }

    static int checksum(ByteBuffer bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.slice(offset, length));
        return (int) crc.getValue();
    }

    /**
     * Reads a MESSAGE record's fields (after its type and key).
     *
     * @throws IllegalArgumentException when they do not fit the record: it was not written by this version
     */
    static OutboundMessage readMessage(ByteBuffer fields) {
        try {
            int version = fields.get();
            if (version != WITHOUT_PROPERTIES && version != WITH_PROPERTIES) {
                throw new IllegalArgumentException("unknown record version " + version);
            }
            long acceptedAt = fields.getLong();
            int qos = fields.get();
            boolean retain = fields.get() != 0;
            String topic = new String(lengthPrefixed(fields), StandardCharsets.UTF_8);
            byte[] payload = lengthPrefixed(fields);
            MessageProperties properties = MessageProperties.NONE;
            if (version == WITH_PROPERTIES) {
                properties = WireProperties.fromWire(PublishSizes.properties(lengthPrefixed(fields)));
            }
            OutboundMessage message = new OutboundMessage(topic, payload, qos, retain, properties, acceptedAt);
            readState(fields, message);
            return message;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a message record shorter than its fields", e);
        } catch (MalformedPacketException e) {
            throw new IllegalArgumentException("a message record with damaged properties: " + e.getMessage(), e);
        }
    }

    /** Reads a packet id and a released flag into the message, as of a session of an earlier run. */
    static void readState(ByteBuffer fields, OutboundMessage message) {
        int packetId = Short.toUnsignedInt(fields.getShort());
        boolean released = fields.get() != 0;
        if (packetId != 0) {
            message.restoreSessionState(packetId, released, SessionState.RECOVERED_EPOCH);
        } else {
            message.resetSessionState();
        }
    }

    /** A length-prefixed field, its length checked against what the record holds before anything is allocated. */
    private static byte[] lengthPrefixed(ByteBuffer fields) {
        int length = fields.getInt();
        if (length < 0 || length > fields.remaining()) {
            throw new IllegalArgumentException("a field of " + length + " bytes where " + fields.remaining()
                + " remain");
        }
        byte[] bytes = new byte[length];
        fields.get(bytes);
        return bytes;
    }
}
