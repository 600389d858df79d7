package dev.tether.mqtt.webconsole.internal;

import java.util.Optional;

import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttService;

/**
 * One connection as a request sees it: its status, or none when the service went away between
 * being listed and being asked (configuration deleted or disabled, Tether stopped).
 */
record ConnectionSnapshot(String name, Optional<ConnectionStatus> status) {

    /** What the page and the JSON say of a connection without a status. */
    static final String WENT_AWAY = "connection went away";

    static ConnectionSnapshot of(String name, MqttService service) {
        try {
            return new ConnectionSnapshot(name, Optional.ofNullable(service.status()));
        } catch (RuntimeException wentAway) {
            return gone(name);
        }
    }

    static ConnectionSnapshot gone(String name) {
        return new ConnectionSnapshot(name, Optional.empty());
    }
}
