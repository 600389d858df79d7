package dev.tether.mqtt.webconsole.internal;

import java.util.Optional;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttService;

/**
 * One connection as a request sees it: its status, or none when the service went away between
 * being listed and being asked (configuration deleted or disabled, Tether stopped); and its
 * metrics (traffic history, recent events), or none when they could not be read.
 */
record ConnectionSnapshot(String name, Optional<ConnectionStatus> status, Optional<ConnectionMetrics> metrics) {

    /** What the page and the JSON say of a connection without a status. */
    static final String WENT_AWAY = "connection went away";

    /** A connection without metrics. */
    ConnectionSnapshot(String name, Optional<ConnectionStatus> status) {
        this(name, status, Optional.empty());
    }

    static ConnectionSnapshot of(String name, MqttService service) {
        Optional<ConnectionStatus> status;
        try {
            status = Optional.ofNullable(service.status());
        } catch (RuntimeException wentAway) {
            return gone(name);
        }
        // apart: a connection whose metrics fail still shows its status
        Optional<ConnectionMetrics> metrics;
        try {
            metrics = Optional.ofNullable(service.metrics());
        } catch (RuntimeException noMetrics) {
            metrics = Optional.empty();
        }
        return new ConnectionSnapshot(name, status, status.isPresent() ? metrics : Optional.empty());
    }

    static ConnectionSnapshot gone(String name) {
        return new ConnectionSnapshot(name, Optional.empty());
    }
}
