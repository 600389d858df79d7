package dev.tether.mqtt.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tether.mqtt.internal.metatype.Property;
import dev.tether.mqtt.internal.metatype.PropertyType;

/**
 * Reads typed values out of a ConfigAdmin dictionary, which may hold Strings (from files), Numbers
 * or Booleans, applies the catalog's defaults and bounds, and collects every problem instead of
 * stopping at the first.
 */
final class PropertyReader {

    private final Map<String, ?> properties;
    private final List<ConfigProblem> problems = new ArrayList<>();

    PropertyReader(Map<String, ?> properties) {
        this.properties = properties;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void problem(Property property, String reason) {
        problem(property.id(), property.type() == PropertyType.PASSWORD ? "<hidden>" : raw(property.id()), reason);
    }

    void problem(String property, String value, String reason) {
        problems.add(new ConfigProblem(property, value, reason));
    }

    /** @return the value as text, "" when absent */
    String raw(String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString();
    }

    boolean isSet(String key) {
        return properties.get(key) != null;
    }

    String string(Property property) {
        Object value = properties.get(property.id());
        return value == null ? property.defaultValue() : value.toString();
    }

    Secret secret(Property property) {
        Object value = properties.get(property.id());
        return value == null ? Secret.NONE : new Secret(value.toString());
    }

    /** @return one of the property's options (case-insensitive), else its default with a problem */
    String option(Property property) {
        String value = string(property).trim();
        for (String option : property.options()) {
            if (option.equalsIgnoreCase(value)) {
                return option;
            }
        }
        problem(property, "must be one of " + String.join(", ", property.options()));
        return property.defaultValue();
    }

    boolean bool(Property property) {
        Object value = properties.get(property.id());
        if (value == null) {
            return property.booleanDefault();
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(property, "must be true or false");
        return property.booleanDefault();
    }

    int integer(Property property) {
        Object value = properties.get(property.id());
        if (value == null) {
            return property.intDefault();
        }
        long number;
        try {
            number = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            problem(property, "must be a whole number");
            return property.intDefault();
        }
        int min = property.min() != null ? property.min() : optionBound(property, true);
        int max = property.max() != null ? property.max() : optionBound(property, false);
        if (number < min || number > max) {
            problem(property, "must be between " + min + " and " + max);
            return property.intDefault();
        }
        return (int) number;
    }

    private static int optionBound(Property property, boolean lowest) {
        return property.options().stream().mapToInt(Integer::parseInt)
            .reduce(lowest ? Math::min : Math::max).orElse(lowest ? Integer.MIN_VALUE : Integer.MAX_VALUE);
    }
}
