package dev.tether.mqtt.internal.session;

import java.time.Duration;

import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.ProtocolVersion;

/**
 * How one network connection is made.
 *
 * @param connect           the CONNECT packet to send
 * @param connectTimeout    how long the attempt may take up to the CONNACK ({@code connect_timeout})
 * @param maxInboundPayload payloads larger than this are skipped ({@code recv_mbuf_limit}; 0 means no limit); on MQTT
 *                          5 it is also the Maximum Packet Size announced, which bounds the whole packet
 */
public record LinkSettings(Connect connect, Duration connectTimeout, int maxInboundPayload) {

    /** @return the MQTT version the link speaks: the one of its CONNECT */
    public ProtocolVersion version() {
        return ProtocolVersion.ofLevel(connect.protocolLevel());
    }
}
