package dev.tether.mqtt.internal.session;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.ProtocolVersion;

/**
 * What the broker's CONNACK decided for the session: the MQTT version, and on MQTT 5 the limits and the values it
 * set (MQTT 5.0, 3.2.2.3). On MQTT 3.1.1 the broker tells nothing, and the limits are the protocol's own.
 *
 * @param version                         the MQTT version the session speaks
 * @param assignedClientId                the client id the broker assigned, when the client sent none
 * @param serverKeepAlive                 the keep alive the broker set, which replaces the client's
 * @param sharedSubscriptionsAvailable    whether it supports {@code $share/}; empty on 3.1.1
 * @param subscriptionIdentifiersAvailable whether it takes Subscription Identifiers
 * @param responseInformation             the basis of response topics it offers, when asked
 * @param receiveMaximum                  how many QoS 1/2 messages it takes unacknowledged at once
 * @param maximumPacketSize               the largest packet it accepts, in bytes
 * @param topicAliasMaximum               the highest topic alias it accepts; 0: none
 * @param maximumQos                      the highest QoS it accepts in PUBLISH
 * @param retainAvailable                 whether it accepts retained messages
 */
public record BrokerTerms(ProtocolVersion version, Optional<String> assignedClientId, OptionalInt serverKeepAlive,
        Optional<Boolean> sharedSubscriptionsAvailable, boolean subscriptionIdentifiersAvailable,
        Optional<String> responseInformation, int receiveMaximum, long maximumPacketSize, int topicAliasMaximum,
        int maximumQos, boolean retainAvailable) {

    /** The largest packet MQTT can carry: a remaining length of 268,435,455 bytes and the fixed header. */
    public static final long PROTOCOL_MAXIMUM_PACKET_SIZE = 268_435_455L + 5;
    /** The Receive Maximum of a broker that announces none, and of every MQTT 3.1.1 broker (MQTT 5.0, 3.2.2.3.3). */
    public static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

    /** An MQTT 3.1.1 session: nothing announced, the protocol's limits. */
    public static final BrokerTerms MQTT_3_1_1 = new BrokerTerms(ProtocolVersion.MQTT_3_1_1, Optional.empty(),
        OptionalInt.empty(), Optional.empty(), false, Optional.empty(), DEFAULT_RECEIVE_MAXIMUM,
        PROTOCOL_MAXIMUM_PACKET_SIZE, 0, 2, true);

    /** @return the terms an MQTT 5 CONNACK sets, with the spec's defaults for what it leaves out (3.2.2.3) */
    public static BrokerTerms of(ConnAck connAck) {
        Properties properties = connAck.properties();
        OptionalLong keepAlive = properties.integer(PropertyIds.SERVER_KEEP_ALIVE);
        return new BrokerTerms(ProtocolVersion.MQTT_5, properties.string(PropertyIds.ASSIGNED_CLIENT_IDENTIFIER),
            keepAlive.isPresent() ? OptionalInt.of((int) keepAlive.getAsLong()) : OptionalInt.empty(),
            Optional.of(flag(properties, PropertyIds.SHARED_SUBSCRIPTION_AVAILABLE)),
            flag(properties, PropertyIds.SUBSCRIPTION_IDENTIFIER_AVAILABLE),
            properties.string(PropertyIds.RESPONSE_INFORMATION),
            (int) properties.integer(PropertyIds.RECEIVE_MAXIMUM).orElse(DEFAULT_RECEIVE_MAXIMUM),
            properties.integer(PropertyIds.MAXIMUM_PACKET_SIZE).orElse(PROTOCOL_MAXIMUM_PACKET_SIZE),
            (int) properties.integer(PropertyIds.TOPIC_ALIAS_MAXIMUM).orElse(0),
            (int) properties.integer(PropertyIds.MAXIMUM_QOS).orElse(2),
            flag(properties, PropertyIds.RETAIN_AVAILABLE));
    }

    /** The flags of a CONNACK are 1 unless the broker sends 0. */
    private static boolean flag(Properties properties, int id) {
        return properties.integer(id).orElse(1) == 1;
    }

    /** @return "5" or "3.1.1", as the status shows it */
    public String protocolVersion() {
        return mqtt5() ? "5" : "3.1.1";
    }

    /** @return the keep alive of the session: the broker's when it set one, else the client's */
    public int keepAliveSeconds(int asked) {
        return serverKeepAlive.orElse(asked);
    }

    /** @return whether the session speaks MQTT 5 */
    public boolean mqtt5() {
        return version == ProtocolVersion.MQTT_5;
    }
}
