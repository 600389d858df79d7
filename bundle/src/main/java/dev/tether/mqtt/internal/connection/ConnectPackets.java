package dev.tether.mqtt.internal.connection;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.session.LinkSettings;

/** The CONNECT packet and the link settings that a connection's configuration asks for. */
final class ConnectPackets {

    private ConnectPackets() {
    }

    static LinkSettings linkSettings(ConnectionSettings settings) {
        return new LinkSettings(connect(settings), settings.connectTimeout(), settings.maxInboundPayload());
    }

    static Connect connect(ConnectionSettings settings) {
        Optional<String> user = settings.user().isEmpty() ? Optional.empty() : Optional.of(settings.user());
        char[] password = settings.password().reveal();
        // MQTT 3.1.1 sends a password only with a user name [MQTT-3.1.2-22]
        byte[] passwordBytes = user.isPresent() && password.length > 0
            ? new String(password).getBytes(StandardCharsets.UTF_8) : null;
        Optional<Connect.Will> will = settings.will().map(configured -> new Connect.Will(configured.topic(),
            configured.message().getBytes(StandardCharsets.UTF_8), configured.qos(), configured.retain()));
        return new Connect(Connect.MQTT_3_1_1, settings.clientId(), settings.cleanSession(),
            settings.keepAliveSeconds(), user, passwordBytes, will, Properties.NONE);
    }
}
