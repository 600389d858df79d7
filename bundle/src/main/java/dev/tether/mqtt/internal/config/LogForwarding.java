package dev.tether.mqtt.internal.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the framework's log goes over MQTT ({@code debug.*}): entries from WARN up to {@code stderrTopic}, the rest
 * down to {@code level} to {@code stdoutTopic}; an empty topic forwards nothing.
 *
 * @param level the least severe level forwarded, as the OSGi {@code LogLevel} name (ERROR, WARN, INFO, DEBUG, TRACE)
 * @param json  JSON objects instead of text lines
 */
public record LogForwarding(String stdoutTopic, String stderrTopic, String level, boolean json) {

    /** Forwards nothing. */
    public static final LogForwarding OFF = new LogForwarding("", "", "INFO", false);

    public LogForwarding {
        level = level.toUpperCase(Locale.ROOT);
    }

    /** @return this, when it forwards anything */
    public Optional<LogForwarding> active() {
        return stdoutTopic.isEmpty() && stderrTopic.isEmpty() ? Optional.empty() : Optional.of(this);
    }
}
