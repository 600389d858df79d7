package dev.tether.mqtt.internal.codec;

import java.util.List;

/**
 * SUBACK (MQTT 3.1.1, 3.9): the broker's answer to SUBSCRIBE, one return code per filter, in order.
 *
 * @param packetId    the SUBSCRIBE's packet id
 * @param returnCodes the granted QoS (0..2) or {@link #FAILURE} per filter; MQTT 5 reason codes on MQTT 5
 * @param properties  MQTT 5 SUBACK properties
 */
public record SubAck(int packetId, List<Integer> returnCodes, Properties properties) implements Packet {

    /** The return code of a refused filter. */
    public static final int FAILURE = 0x80;

    public SubAck {
        returnCodes = List.copyOf(returnCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
