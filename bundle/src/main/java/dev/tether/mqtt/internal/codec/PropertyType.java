package dev.tether.mqtt.internal.codec;

/** The data types of MQTT 5 property values (MQTT 5.0, 1.5 and 2.2.2.2), with the largest value of each number. */
public enum PropertyType {
    BYTE(0xFF), TWO_BYTE_INTEGER(0xFFFF), FOUR_BYTE_INTEGER(0xFFFF_FFFFL), VARIABLE_BYTE_INTEGER(268_435_455),
    UTF8_STRING(0), BINARY_DATA(0), UTF8_STRING_PAIR(0);

    private final long max;

    PropertyType(long max) {
        this.max = max;
    }

    /** @return whether the values are numbers, held as {@code Long} */
    public boolean numeric() {
        return max > 0;
    }

    long max() {
        return max;
    }

    /** @return the Java type a value of this data type has in a {@link Properties.Property} */
    Class<?> javaType() {
        return switch (this) {
            case UTF8_STRING -> String.class;
            case BINARY_DATA -> byte[].class;
            case UTF8_STRING_PAIR -> Properties.UserProperty.class;
            default -> Long.class;
        };
    }
}
