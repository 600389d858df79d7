package dev.tether.mqtt.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** Bytes on the wire for the codec's tests: hex in, packets out, and the other way round. */
final class Wire {

    static final int BUFFER = 8192;
    static final int NO_LIMIT = PacketEncoder.MAX_REMAINING_LENGTH;

    private static final PacketEncoder ENCODER = new PacketEncoder();
    private static final PacketEncoder ENCODER_5 = new PacketEncoder(ProtocolVersion.MQTT_5);

    private Wire() {
    }

    /** @return the bytes of hex digits written in pairs, spaces allowed: "C0 00" */
    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    static byte[] encode(Packet packet) {
        PacketBuffer out = new PacketBuffer(16);
        ENCODER.encode(packet, out);
        return out.toByteArray();
    }

    static byte[] encode5(Packet packet) {
        PacketBuffer out = new PacketBuffer(16);
        ENCODER_5.encode(packet, out);
        return out.toByteArray();
    }

    /** @return an MQTT 5 decoder: a client's on an MQTT 5 link, a server's that speaks up to MQTT 5 */
    static PacketDecoder decoder5(Role role, InputStream in) {
        return new PacketDecoder(in, role, ProtocolVersion.MQTT_5, BUFFER, BUFFER, NO_LIMIT, Integer.MAX_VALUE);
    }

    /** @return the one packet the bytes hold, read as {@code role} reads it on MQTT 5 */
    static Packet decode5(Role role, byte[] bytes) throws IOException {
        return decoder5(role, new ByteArrayInputStream(bytes)).read();
    }

    static Packet decode5(Role role, String hex) throws IOException {
        return decode5(role, hex(hex));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static PacketDecoder decoder(Role role, InputStream in) {
        return new PacketDecoder(in, role, BUFFER, NO_LIMIT, Integer.MAX_VALUE);
    }

    static PacketDecoder decoder(Role role, byte[] bytes) {
        return decoder(role, new ByteArrayInputStream(bytes));
    }

    /** @return the one packet the bytes hold, read as {@code role} reads it */
    static Packet decode(Role role, byte[] bytes) throws IOException {
        return decoder(role, bytes).read();
    }

    static Packet decode(Role role, String hex) throws IOException {
        return decode(role, hex(hex));
    }

    /** @return the side that receives this packet type; PUBLISH and its acknowledgements go both ways */
    static Role receiverOf(Packet packet, Role eitherWay) {
        return switch (packet.type()) {
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT -> Role.SERVER;
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> Role.CLIENT;
            default -> eitherWay;
        };
    }
}
