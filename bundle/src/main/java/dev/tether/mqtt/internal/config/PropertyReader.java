package dev.tether.mqtt.internal.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tether.mqtt.internal.metatype.Property;
import dev.tether.mqtt.internal.metatype.PropertyType;

/**
 * Reads typed values out of a ConfigAdmin dictionary, which may hold Strings (from files), Numbers
 * or Booleans, applies the catalog's defaults and bounds, and collects every problem instead of
 * stopping at the first.
 */
final class PropertyReader {

    private static final int SHOWN_CHARS = 200;
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^/@\\s]*@");

    private final Map<String, ?> properties;
    private final List<ConfigProblem> problems = new ArrayList<>();

    PropertyReader(Map<String, ?> properties) {
        this.properties = properties;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void problem(Property property, String reason) {
        boolean secret = property.type() == PropertyType.PASSWORD;
        problem(property.id(), secret ? "<hidden>" : shown(properties.get(property.id())), reason);
    }

    /** How a bad value appears in a problem: arrays spelled out, long text cut, a password in a URI masked. */
    private static String shown(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.getClass().isArray() ? Arrays.deepToString(value instanceof Object[] array ? array
            : new Object[] {value}) : value.toString();
        text = USER_INFO_PASSWORD.matcher(text).replaceAll("$1****@");
        return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "... (" + text.length() + " characters)"
            : text;
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
            number = value instanceof Number n ? wholeNumber(n) : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
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

    /** @throws ArithmeticException for 1.5, NaN or infinity: never truncated into a different setting */
    private static long wholeNumber(Number number) {
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.toString()).longValueExact();
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        return number.longValue();
    }

    private static int optionBound(Property property, boolean lowest) {
        return property.options().stream().mapToInt(Integer::parseInt)
            .reduce(lowest ? Math::min : Math::max).orElse(lowest ? Integer.MIN_VALUE : Integer.MAX_VALUE);
    }
}
