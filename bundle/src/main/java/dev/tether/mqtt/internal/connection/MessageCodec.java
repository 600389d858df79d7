package dev.tether.mqtt.internal.connection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The journal's record of a message: a version byte, then time, QoS, retain, topic and payload. */
final class MessageCodec {

    private static final int VERSION = 1;

    private MessageCodec() {
    }

    static byte[] encode(OutboundMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.payload.length + message.topic.length() + 24);
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
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the record is not one this version wrote */
    static OutboundMessage decode(byte[] record) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("unknown record version " + version);
            }
            long acceptedAt = in.readLong();
            int qos = in.readUnsignedByte();
            boolean retain = in.readBoolean();
            byte[] topicBytes = new byte[in.readInt()];
            in.readFully(topicBytes);
            String topic = new String(topicBytes, StandardCharsets.UTF_8);
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            return new OutboundMessage(topic, payload, qos, retain, acceptedAt);
        }
    }
}
