package dev.tether.mqtt.internal.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How a connection shows itself to those who watch it.
 *
 * @param statusTopic         where its retained JSON status goes ({@code status_topic}, {@code {client_id}}
 *                            replaced); empty for none
 * @param statusInterval      between two status publications ({@code status_interval})
 * @param healthCriticalAfter not connected for longer than this, its health check says CRITICAL
 *                            ({@code health_critical_after}); zero for never
 */
public record Monitoring(Optional<String> statusTopic, Duration statusInterval, Duration healthCriticalAfter) {

    /** Nothing published; critical after the default 5 minutes. */
    public static final Monitoring DEFAULT = new Monitoring(Optional.empty(), Duration.ofSeconds(60),
        Duration.ofMinutes(5));
}
