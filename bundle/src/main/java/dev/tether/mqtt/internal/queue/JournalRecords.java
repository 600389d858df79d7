package dev.tether.mqtt.internal.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.tether.mqtt.internal.session.SessionState;

/**
 * The journal's record of a message: a version byte, then time, QoS, retain, topic and payload; since version 2
 * also the packet id it was sent with and whether the broker has it (PUBREC), so that a QoS 2 message interrupted
 * by a restart goes again as the same message. Version 1 records, of queue files written before, are still read.
 */
final class JournalRecords {

    private static final int VERSION_1 = 1;
    private static final int VERSION = 2;

    private JournalRecords() {
    }

    static byte[] encode(OutboundMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.payload.length + message.topic.length() + 28);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(message.acceptedAtMillis);
            out.writeByte(message.qos);
            out.writeBoolean(message.retain);
            byte[] topic = message.topic.getBytes(StandardCharsets.UTF_8);
            out.writeInt(topic.length);
            out.write(topic);
            out.writeInt(message.payload.length);
            out.write(message.payload);
            out.writeShort(message.packetId());
            out.writeBoolean(message.released());
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the record is not one this version or an earlier one wrote */
    static OutboundMessage decode(byte[] record) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version != VERSION && version != VERSION_1) {
                throw new IOException("unknown record version " + version);
            }
            long acceptedAt = in.readLong();
            int qos = in.readUnsignedByte();
            boolean retain = in.readBoolean();
            String topic = new String(bytes(in, record.length), StandardCharsets.UTF_8);
            byte[] payload = bytes(in, record.length);
            OutboundMessage message = new OutboundMessage(topic, payload, qos, retain, acceptedAt);
            if (version == VERSION) {
                int packetId = in.readUnsignedShort();
                boolean released = in.readBoolean();
                if (packetId != 0) {
                    message.restoreSessionState(packetId, released, SessionState.RECOVERED_EPOCH);
                }
            }
            return message;
        }
    }

    /** A length-prefixed field, its length checked against the record before anything is allocated. */
    private static byte[] bytes(DataInputStream in, int recordLength) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > recordLength) {
            throw new IOException("a field of " + length + " bytes in a record of " + recordLength);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
