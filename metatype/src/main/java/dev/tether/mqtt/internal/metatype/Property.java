package dev.tether.mqtt.internal.metatype;

import java.util.List;
import java.util.Objects;

/**
 * One configuration property as an operator sees it: id, type, default, label, description,
 * and optional integer bounds and option list.
 */
public record Property(String id, PropertyType type, String defaultValue, String label,
        String description, Integer min, Integer max, List<String> options) {

    public Property {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(defaultValue);
        options = List.copyOf(options);
    }

    static Property text(String id, String defaultValue, String label, String description) {
        return new Property(id, PropertyType.STRING, defaultValue, label, description, null, null, List.of());
    }

    static Property secret(String id, String label, String description) {
        return new Property(id, PropertyType.PASSWORD, "", label, description, null, null, List.of());
    }

    static Property flag(String id, boolean defaultValue, String label, String description) {
        return new Property(id, PropertyType.BOOLEAN, Boolean.toString(defaultValue), label, description,
            null, null, List.of());
    }

    static Property number(String id, int defaultValue, int min, int max, String label, String description) {
        return new Property(id, PropertyType.INTEGER, Integer.toString(defaultValue), label, description,
            min, max, List.of());
    }

    static Property choice(String id, int defaultValue, List<String> options, String label, String description) {
        return new Property(id, PropertyType.INTEGER, Integer.toString(defaultValue), label, description,
            null, null, options);
    }

    static Property textChoice(String id, String defaultValue, List<String> options, String label,
            String description) {
        return new Property(id, PropertyType.STRING, defaultValue, label, description, null, null, options);
    }

    public boolean booleanDefault() {
        return Boolean.parseBoolean(defaultValue);
    }

    public int intDefault() {
        return Integer.parseInt(defaultValue);
    }
}
