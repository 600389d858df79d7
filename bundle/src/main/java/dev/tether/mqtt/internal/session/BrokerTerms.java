package dev.tether.mqtt.internal.session;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the broker's CONNACK decided for the session: the MQTT version, and on MQTT 5 the limits and the values it
 * set (MQTT 5.0, 3.2.2.3). On MQTT 3.1.1 the broker tells nothing, and the limits are the protocol's own.
 *
 * @param protocolVersion              "5" or "3.1.1"
 * @param assignedClientId             the client id the broker assigned, when the client sent none
 * @param serverKeepAlive              the keep alive the broker set, which replaces the client's
 * @param sharedSubscriptionsAvailable whether it supports {@code $share/}; empty on 3.1.1
 * @param responseInformation          the basis of response topics it offers, when asked
 * @param receiveMaximum               how many QoS 1/2 messages it takes unacknowledged at once
 * @param maximumPacketSize            the largest packet it accepts, in bytes
 * @param topicAliasMaximum            the highest topic alias it accepts; 0: none
 * @param maximumQos                   the highest QoS it accepts in PUBLISH
 * @param retainAvailable              whether it accepts retained messages
 */
public record BrokerTerms(String protocolVersion, Optional<String> assignedClientId, OptionalInt serverKeepAlive,
        Optional<Boolean> sharedSubscriptionsAvailable, Optional<String> responseInformation, int receiveMaximum,
        long maximumPacketSize, int topicAliasMaximum, int maximumQos, boolean retainAvailable) {

    /** The largest packet MQTT can carry: a remaining length of 268,435,455 bytes and the fixed header. */
    public static final long PROTOCOL_MAXIMUM_PACKET_SIZE = 268_435_455L + 5;

    /** An MQTT 3.1.1 session: nothing announced, the protocol's limits. */
    public static final BrokerTerms MQTT_3_1_1 = new BrokerTerms("3.1.1", Optional.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), 65_535, PROTOCOL_MAXIMUM_PACKET_SIZE, 0, 2, true);

    /** @return whether the session speaks MQTT 5 */
    public boolean mqtt5() {
        return protocolVersion.equals("5");
    }
}
