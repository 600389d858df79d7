package dev.tether.mqtt.internal.codec;

import java.util.List;

/**
 * SUBSCRIBE (MQTT 3.1.1, 3.8): one or more topic filters, each with the QoS asked for.
 *
 * @param packetId      1..65535
 * @param subscriptions at least one
 * @param properties    MQTT 5 SUBSCRIBE properties
 */
public record Subscribe(int packetId, List<Subscription> subscriptions, Properties properties) implements Packet {

    /**
     * One topic filter with its options. MQTT 3.1.1 has only the QoS; MQTT 5 adds the other options
     * (3.8.3.1), which stay at their defaults here.
     *
     * @param filter the topic filter
     * @param qos    the maximum QoS asked for, 0..2
     */
    public record Subscription(String filter, int qos) {
    }

    public Subscribe {
        subscriptions = List.copyOf(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("a SUBSCRIBE needs at least one topic filter [MQTT-3.8.3-3]");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
