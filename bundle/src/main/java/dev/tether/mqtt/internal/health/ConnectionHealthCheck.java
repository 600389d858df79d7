package dev.tether.mqtt.internal.health;

import java.time.Duration;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.Monitoring;
import dev.tether.mqtt.internal.connection.ManagedConnection;

/** A connection's {@link HealthVerdict} as an Apache Felix health check. Loaded only where that API is wired. */
final class ConnectionHealthCheck implements HealthCheck {

    private final ManagedConnection connection;

    ConnectionHealthCheck(ManagedConnection connection) {
        this.connection = connection;
    }

    @Override
    public Result execute() {
        Duration criticalAfter = connection.settings().map(ConnectionSettings::monitoring)
            .map(Monitoring::healthCriticalAfter).orElse(Monitoring.DEFAULT.healthCriticalAfter());
        HealthVerdict verdict = HealthVerdict.of(connection.status(), connection.notConnectedFor(),
            connection.queueFill(), criticalAfter);
        Result.Status status = switch (verdict.level()) {
            case OK -> Result.Status.OK;
            case WARN -> Result.Status.WARN;
            case CRITICAL -> Result.Status.CRITICAL;
        };
        return new Result(status, verdict.message());
    }
}
