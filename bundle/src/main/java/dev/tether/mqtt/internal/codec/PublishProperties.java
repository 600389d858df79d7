package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;

import java.io.IOException;

/**
 * The properties of an MQTT 5 PUBLISH, read from the stream between the packet id and the payload: the decoder
 * reads PUBLISH field by field, not as one body, so that a large payload never passes through its buffer.
 */
final class PublishProperties {

    private PublishProperties() {
    }

    /**
     * The property length of an MQTT 5 PUBLISH, checked against the {@code left} bytes of the packet before
     * anything is allocated for it.
     */
    static int length(InboundBuffer input, int left) throws IOException {
        int length = 0;
        for (int size = 1; size <= 4; size++) {
            if (size > left) {
                throw malformed("a PUBLISH ends inside its property length");
            }
            int digit = input.readUnsignedByte();
            length |= (digit & 0x7F) << 7 * (size - 1);
            if ((digit & 0x80) == 0) {
                if (digit == 0 && size > 1) {
                    throw malformed("the property length of a PUBLISH is not encoded in the fewest bytes "
                        + "[MQTT-1.5.5-1]");
                }
                if (length > left - size) {
                    throw malformed("the property length " + length + " of a PUBLISH exceeds the " + (left - size)
                        + " bytes that remain");
                }
                return length;
            }
        }
        throw malformed("the property length of a PUBLISH is a variable byte integer of more than 4 bytes "
            + "(MQTT 5.0, 1.5.5)");
    }

    static Properties read(InboundBuffer input, int length) throws IOException {
        if (length == 0) {
            return Properties.NONE;
        }
        PacketBody body;
        if (length <= input.capacity()) {
            input.require(length);
            body = PacketBody.ofProperties(PacketType.PUBLISH, input.array(), input.position(), length);
            input.advance(length);
        } else {
            body = PacketBody.ofProperties(PacketType.PUBLISH, input.readBytes(length), 0, length);
        }
        return PropertiesDecoder.entries(body, PacketType.PUBLISH.code());
    }
}
