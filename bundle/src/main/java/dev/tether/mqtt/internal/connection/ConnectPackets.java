package dev.tether.mqtt.internal.connection;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.ProtocolVersion;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.Will;
import dev.tether.mqtt.internal.session.LinkSettings;

/** The CONNECT packet and the link settings that a connection's configuration asks for, in one MQTT version. */
final class ConnectPackets {

    /**
     * QoS 1/2 messages the broker may send this client unacknowledged at once (MQTT 5 Receive Maximum): as many as
     * the client sends at most, well above what keeps a link busy; each is answered as soon as it is read.
     */
    static final int RECEIVE_MAXIMUM = ManagedConnection.MAX_INFLIGHT;
    /** The topic aliases the broker may use towards this client. */
    static final int TOPIC_ALIAS_MAXIMUM = 64;
    /** MQTT 5's Session Expiry Interval for a session that never expires. */
    static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private ConnectPackets() {
    }

    static LinkSettings linkSettings(ConnectionSettings settings, ProtocolVersion version) {
        return new LinkSettings(connect(settings, version), settings.connectTimeout(), settings.maxInboundPayload());
    }

    static Connect connect(ConnectionSettings settings, ProtocolVersion version) {
        boolean mqtt5 = version == ProtocolVersion.MQTT_5;
        Optional<String> user = settings.user().isEmpty() ? Optional.empty() : Optional.of(settings.user());
        char[] password = settings.password().reveal();
        // MQTT 3.1.1 sends a password only with a user name [MQTT-3.1.2-22]; MQTT 5 without one too (3.1.2.9)
        byte[] passwordBytes = (user.isPresent() || mqtt5) && password.length > 0
            ? new String(password).getBytes(StandardCharsets.UTF_8) : null;
        Optional<Connect.Will> will = settings.will().map(configured -> new Connect.Will(configured.topic(),
            configured.message().getBytes(StandardCharsets.UTF_8), configured.qos(), configured.retain(),
            mqtt5 ? willProperties(configured) : Properties.NONE));
        // status_topic's death notice: the parser refuses it beside a will_topic, so it replaces nothing
        Optional<String> statusTopic = settings.monitoring().statusTopic();
        if (statusTopic.isPresent()) {
            will = Optional.of(new Connect.Will(statusTopic.get(), StatusDocument.offline(settings.name(),
                settings.clientId()), 1, true));
        }
        return new Connect(version.level(), settings.clientId(), settings.cleanSession(),
            settings.keepAliveSeconds(), user, passwordBytes, will, mqtt5 ? properties(settings) : Properties.NONE);
    }

    /**
     * The CONNECT properties (MQTT 5.0, 3.1.2.11). The Session Expiry Interval keeps MQTT 3.1.1's meaning of
     * {@code clean_session} when {@code session_expiry_interval} is 0: a clean session ends with the connection, a
     * kept one never expires; above 0 it is the interval, and {@code clean_session} only says whether each connect
     * starts afresh (Clean Start).
     */
    private static Properties properties(ConnectionSettings settings) {
        long expiry = settings.sessionExpirySeconds() > 0 ? settings.sessionExpirySeconds()
            : settings.cleanSession() ? 0 : NEVER_EXPIRES;
        Properties.Builder properties = Properties.builder();
        if (expiry > 0) {
            properties.integer(PropertyIds.SESSION_EXPIRY_INTERVAL, expiry);
        }
        properties.integer(PropertyIds.RECEIVE_MAXIMUM, RECEIVE_MAXIMUM);
        if (settings.maxInboundPayload() > 0) {
            // recv_mbuf_limit bounds the whole packet, as Mongoose's receive buffer does: the broker drops larger
            // messages instead of sending them [MQTT-3.1.2-25]
            properties.integer(PropertyIds.MAXIMUM_PACKET_SIZE, settings.maxInboundPayload());
        }
        properties.integer(PropertyIds.TOPIC_ALIAS_MAXIMUM, TOPIC_ALIAS_MAXIMUM);
        // the basis of response topics, when the broker offers one, for request/response
        properties.integer(PropertyIds.REQUEST_RESPONSE_INFORMATION, 1);
        return properties.build();
    }

    private static Properties willProperties(Will will) {
        Properties.Builder properties = Properties.builder();
        if (will.delaySeconds() > 0) {
            properties.integer(PropertyIds.WILL_DELAY_INTERVAL, will.delaySeconds());
        }
        if (will.messageExpirySeconds() > 0) {
            properties.integer(PropertyIds.MESSAGE_EXPIRY_INTERVAL, will.messageExpirySeconds());
        }
        will.contentType().ifPresent(type -> properties.string(PropertyIds.CONTENT_TYPE, type));
        return properties.build();
    }
}
