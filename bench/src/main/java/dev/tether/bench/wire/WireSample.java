package dev.tether.bench.wire;

import java.util.Map;

/**
 * What one Tether publisher wrote on its connection for a stream of messages, counted by the {@link CountingProxy}.
 *
 * @param variant          the key of the configuration, e.g. "tether5-aliases"
 * @param name             its heading, e.g. "Tether 5, topic aliases"
 * @param qos              of every message
 * @param payloadBytes     of every message
 * @param topic            the one topic of every message
 * @param messages         published
 * @param received         distinct messages a subscriber on the broker got on {@code topic} (so the broker resolved
 *                         every alias to the topic)
 * @param publishPackets   PUBLISH packets the client wrote (retransmissions included: more than {@code messages})
 * @param publishBytes     their bytes, fixed headers included
 * @param aliasSetUp       PUBLISH packets that carried the topic and a new Topic Alias
 * @param aliasUsed        PUBLISH packets that carried an alias and an empty topic
 * @param connectionBytes  everything the client wrote on the connection, CONNECT to DISCONNECT
 * @param packets          the packets it wrote, by type
 * @param brokerTerms      the numeric properties of the broker's CONNACK (none on MQTT 3.1.1)
 * @param error            why the run is incomplete; null if it is not
 */
public record WireSample(String variant, String name, int qos, int payloadBytes, String topic, int messages,
        int received, long publishPackets, long publishBytes, long aliasSetUp, long aliasUsed, long connectionBytes,
        Map<String, Long> packets, Map<String, Long> brokerTerms, String error) {

    public boolean complete() {
        return error == null && received == messages && publishPackets == messages;
    }

    /** @return PUBLISH bytes per message, NaN if none was counted */
    public double bytesPerMessage() {
        return publishPackets == 0 ? Double.NaN : (double) publishBytes / publishPackets;
    }

    /** @return every byte of the connection per message, CONNECT and DISCONNECT included */
    public double connectionBytesPerMessage() {
        return messages == 0 ? Double.NaN : (double) connectionBytes / messages;
    }
}
