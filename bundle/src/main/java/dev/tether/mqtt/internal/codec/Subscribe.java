package dev.tether.mqtt.internal.codec;

import java.util.List;

/**
 * SUBSCRIBE (MQTT 3.1.1 and 5.0, 3.8): one or more topic filters, each with the QoS asked for and, on MQTT 5,
 * more options.
 *
 * @param packetId      1..65535
 * @param subscriptions at least one
 * @param properties    MQTT 5 SUBSCRIBE properties: a Subscription Identifier, user properties
 */
public record Subscribe(int packetId, List<Subscription> subscriptions, Properties properties) implements Packet {

    /**
     * One topic filter with its subscription options (MQTT 5.0, 3.8.3.1). MQTT 3.1.1 has only the QoS: its
     * encoder ignores the others and its decoder gives their defaults (false, false, {@link #SEND_AT_SUBSCRIBE}).
     *
     * @param filter            the topic filter
     * @param qos               the maximum QoS asked for, 0..2
     * @param noLocal           the broker does not send back what this client publishes; not on a shared
     *                          subscription [MQTT-3.8.3-4]
     * @param retainAsPublished messages keep the RETAIN flag they were published with
     * @param retainHandling    {@link #SEND_AT_SUBSCRIBE}, {@link #SEND_IF_NEW} or {@link #DO_NOT_SEND}
     */
    public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished,
            int retainHandling) {

        /** Retain Handling 0: retained messages are sent at every subscribe. */
        public static final int SEND_AT_SUBSCRIBE = 0;
        /** Retain Handling 1: only when the subscription did not exist before. */
        public static final int SEND_IF_NEW = 1;
        /** Retain Handling 2: never at subscribe. */
        public static final int DO_NOT_SEND = 2;

        /** A subscription with the default options: all that MQTT 3.1.1 has. */
        public Subscription(String filter, int qos) {
            this(filter, qos, false, false, SEND_AT_SUBSCRIBE);
        }

        /** @return the subscription options byte: reserved bits 6 and 7 are 0 [MQTT-3.8.3-5] */
        int optionsByte() {
            return qos | (noLocal ? 0b100 : 0) | (retainAsPublished ? 0b1000 : 0) | retainHandling << 4;
        }
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
