package dev.tether.mqtt.internal.codec;

import java.util.Optional;

/**
 * CONNECT (MQTT 3.1.1 and 5.0, 3.1): the first packet a client sends.
 *
 * @param protocolLevel     4 for MQTT 3.1.1, 5 for MQTT 5 ({@link ProtocolVersion#level()})
 * @param clientId          the client identifier; may be empty with a clean session
 * @param cleanSession      whether the broker discards any earlier session (Clean Start in MQTT 5)
 * @param keepAliveSeconds  0..65535
 * @param userName          empty for none
 * @param password          null for none; MQTT 3.1.1 needs a user name for a password [MQTT-3.1.2-22], MQTT 5 not
 * @param will              the last will, if any
 * @param properties        MQTT 5 CONNECT properties: Session Expiry Interval, Receive Maximum, Maximum Packet
 *                          Size, Topic Alias Maximum, Request Response / Problem Information, user properties,
 *                          Authentication Method and Data
 */
public record Connect(int protocolLevel, String clientId, boolean cleanSession, int keepAliveSeconds,
        Optional<String> userName, byte[] password, Optional<Will> will, Properties properties) implements Packet {

    /** MQTT 3.1.1's protocol level. */
    public static final int MQTT_3_1_1 = 4;
    /** MQTT 5's protocol level. */
    public static final int MQTT_5 = 5;

    /**
     * The last will.
     *
     * @param topic      where the broker publishes it
     * @param payload    its payload
     * @param qos        0..2
     * @param retain     whether the broker retains it
     * @param properties MQTT 5 will properties (3.1.3.2): Will Delay Interval, Payload Format Indicator, Message
     *                   Expiry Interval, Content Type, Response Topic, Correlation Data, user properties
     */
    public record Will(String topic, byte[] payload, int qos, boolean retain, Properties properties) {

        /** A will without properties: every MQTT 3.1.1 will. */
        public Will(String topic, byte[] payload, int qos, boolean retain) {
            this(topic, payload, qos, retain, Properties.NONE);
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    @Override
    public String toString() {
        // never the password
        return "Connect[level=" + protocolLevel + ", clientId=" + clientId + ", cleanSession=" + cleanSession
            + ", keepAlive=" + keepAliveSeconds + ", user=" + userName.orElse("") + ", password="
            + (password == null ? "none" : "***") + ", will=" + will.map(Will::topic).orElse("none") + "]";
    }
}
