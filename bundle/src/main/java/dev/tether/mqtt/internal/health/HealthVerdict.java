package dev.tether.mqtt.internal.health;

import java.time.Duration;
import java.util.Optional;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;

/**
 * What a connection's health is, in the three levels of a health check: OK when connected (and the queue is below
 * {@value #QUEUE_WARNING_PERCENT} % full), WARN while it reconnects or the queue fills up, CRITICAL while its
 * configuration is invalid or it has not been connected for longer than {@code health_critical_after}.
 *
 * @param level   OK, WARN or CRITICAL
 * @param message why, for a person
 */
public record HealthVerdict(Level level, String message) {

    /** The levels, in the order of their severity. */
    public enum Level {
        OK, WARN, CRITICAL
    }

    static final int QUEUE_WARNING_PERCENT = 80;

    /**
     * @param status        the connection's status
     * @param notConnected  how long it has not been connected; empty while it is
     * @param queueFill     how full its queue is, 0 to 1
     * @param criticalAfter not connected for longer than this is CRITICAL; zero for never
     */
    public static HealthVerdict of(ConnectionStatus status, Optional<Duration> notConnected, double queueFill,
            Duration criticalAfter) {
        String name = "MQTT connection '" + status.connectionName() + "'";
        if (status.state() == ConnectionState.CONFIGURATION_ERROR) {
            return new HealthVerdict(Level.CRITICAL, name + " is not configured correctly: "
                + status.lastError().orElse("see its status"));
        }
        long percent = Math.round(queueFill * 100);
        String queue = percent >= QUEUE_WARNING_PERCENT ? "; its queue is " + percent + " % full" : "";
        if (status.state() == ConnectionState.CONNECTED) {
            return percent >= QUEUE_WARNING_PERCENT
                ? new HealthVerdict(Level.WARN, name + " is connected to " + status.server() + queue)
                : new HealthVerdict(Level.OK, name + " is connected to " + status.server());
        }
        Duration down = notConnected.orElse(Duration.ZERO);
        String reason = status.lastError().map(error -> ": " + error).orElse("");
        String text = name + " has not been connected for " + down.toSeconds() + " s" + reason + queue;
        boolean critical = !criticalAfter.isZero() && down.compareTo(criticalAfter) > 0;
        return new HealthVerdict(critical ? Level.CRITICAL : Level.WARN, text);
    }
}
