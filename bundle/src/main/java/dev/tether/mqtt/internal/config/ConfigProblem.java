package dev.tether.mqtt.internal.config;

/**
 * One invalid configuration value: which property, which value, and why. Secret values are
 * never kept, so a problem can be logged and shown as it is.
 */
public record ConfigProblem(String property, String value, String reason) {

    @Override
    public String toString() {
        return property + "='" + value + "': " + reason;
    }
}
