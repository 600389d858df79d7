package dev.tether.mqtt.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * What the layers above need to know of a PUBLISH's bytes without encoding it: its size on the wire, checked
 * against the broker's MQTT 5 Maximum Packet Size before it is sent, and its properties as bytes of their own, kept
 * with a queued message until it is sent (after a restart too).
 */
public final class PublishSizes {

    private PublishSizes() {
    }

    /**
     * @return the bytes the PUBLISH takes on the wire, fixed header included (MQTT 5.0, 3.3): what a Maximum Packet
     *         Size limits [MQTT-3.2.2-15]
     */
    public static long packetSize(ProtocolVersion version, String topic, int payloadLength, int qos,
            Properties properties) {
        long remaining = 2L + topic.getBytes(StandardCharsets.UTF_8).length + (qos > 0 ? 2 : 0) + payloadLength;
        if (version == ProtocolVersion.MQTT_5) {
            remaining += PropertiesEncoder.withLength(PropertiesEncoder.length(properties,
                PacketType.PUBLISH.code()));
        }
        return 1 + PacketBuffer.variableIntSize((int) Math.min(remaining, Integer.MAX_VALUE)) + remaining;
    }

    /**
     * @return PUBLISH properties as bytes (the property length first, as on the wire), for a store; none for none
     * @throws IllegalArgumentException for properties a PUBLISH cannot carry
     */
    public static byte[] propertyBytes(Properties properties) {
        if (properties.isEmpty()) {
            return new byte[0];
        }
        int length = PropertiesEncoder.length(properties, PacketType.PUBLISH.code());
        PacketBuffer out = new PacketBuffer(PropertiesEncoder.withLength(length));
        PropertiesEncoder.write(properties, length, out);
        return out.toByteArray();
    }

    /**
     * @return the PUBLISH properties that {@link #propertyBytes} wrote
     * @throws MalformedPacketException when the bytes are not such properties
     */
    public static Properties properties(byte[] bytes) throws MalformedPacketException {
        if (bytes.length == 0) {
            return Properties.NONE;
        }
        return PropertiesDecoder.read(new PacketBody(PacketType.PUBLISH, bytes, 0, bytes.length),
            PacketType.PUBLISH.code());
    }
}
