package dev.tether.mqtt.internal.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a configuration asks for: whether the connection is enabled, its name, and either valid
 * settings or the problems that make it invalid.
 *
 * @param enabled  false only when {@code enable} is validly false
 * @param name     the connection name (for a factory configuration without a valid name, its PID)
 * @param server   the configured server text, for status; may be invalid
 * @param clientId the client id in use or that would be used
 * @param cloudEvents whether to post connection events to EventAdmin ({@code cloud_events}); kept out of the
 *                 settings, so switching it does not reconnect
 * @param logForwarding where log entries are published ({@code debug.*}); also kept out of the settings
 * @param settings present when there are no problems
 * @param problems every invalid value, in property order
 */
public record ParsedConfiguration(boolean enabled, String name, String server, String clientId,
        boolean cloudEvents, LogForwarding logForwarding, Optional<ConnectionSettings> settings, List<ConfigProblem> problems) {

    public ParsedConfiguration {
        problems = List.copyOf(problems);
    }

    /** @return the problems as one line an operator can act on */
    public String describeProblems() {
        return "invalid configuration: " + problems.stream().map(ConfigProblem::toString)
            .collect(Collectors.joining("; "));
    }
}
