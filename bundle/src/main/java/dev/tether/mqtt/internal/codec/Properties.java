package dev.tether.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The properties an MQTT 5 packet carries after its variable header (MQTT 5.0, 2.2.2), each an identifier with
 * its value, in wire order. MQTT 3.1.1 packets have none: they always carry {@link #NONE}, and so do MQTT 5
 * packets without properties, so that reading them allocates nothing.
 *
 * @param entries the properties, in the order they were read or are to be written
 */
public record Properties(List<Property> entries) {

    /** No properties: every MQTT 3.1.1 packet. */
    public static final Properties NONE = new Properties(List.of());

    /**
     * One property. Numbers of every width are held as {@code Long} (an {@code Integer} given is widened), so
     * that the four-byte intervals up to 4,294,967,295 fit.
     *
     * @param id    its identifier ({@link PropertyIds})
     * @param value a Long, a String, a byte[] or a {@link UserProperty}, as the identifier's data type says
     * @throws IllegalArgumentException for an identifier MQTT 5 does not define, or a value of another type
     */
    public record Property(int id, Object value) {

        public Property {
            PropertyIds.Definition definition = PropertyIds.require(id);
            if (value instanceof Integer number) {
                value = number.longValue();
            }
            if (!definition.type().javaType().isInstance(value)) {
                throw new IllegalArgumentException("the " + definition.name() + " property holds a "
                    + definition.type() + ", not " + (value == null ? "null" : value.getClass().getSimpleName()));
            }
        }

        /** Binary values compare by content, so that a packet read back equals the one written. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Property that && id == that.id && Objects.deepEquals(value, that.value);
        }

        @Override
        public int hashCode() {
            return 31 * id + (value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode());
        }

        @Override
        public String toString() {
            String shown = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
            return PropertyIds.require(id).name() + "=" + shown;
        }
    }

    /** A User Property (MQTT 5.0, 3.1.2.11.8): a name and value pair; the same name may appear many times. */
    public record UserProperty(String name, String value) {

        public UserProperty {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public Properties {
        entries = List.copyOf(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return whether a property with this identifier is present */
    public boolean contains(int id) {
        for (Property property : entries) {
            if (property.id() == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the value of the first property with this identifier, a Byte, Two Byte, Four Byte or Variable Byte
     *     Integer, unsigned; empty when absent (the specification's default applies then)
     * @throws IllegalArgumentException when the identifier's values are not numbers
     */
    public OptionalLong integer(int id) {
        requireType(id, Long.class);
        Object value = first(id);
        return value == null ? OptionalLong.empty() : OptionalLong.of((Long) value);
    }

    /** @return the UTF-8 string of the first property with this identifier */
    public Optional<String> string(int id) {
        requireType(id, String.class);
        return Optional.ofNullable((String) first(id));
    }

    /** @return the binary data of the first property with this identifier, not copied */
    public Optional<byte[]> binary(int id) {
        requireType(id, byte[].class);
        return Optional.ofNullable((byte[]) first(id));
    }

    /** @return the user properties, in order, repeated names included */
    public List<UserProperty> userProperties() {
        List<UserProperty> found = new ArrayList<>();
        for (Property property : entries) {
            if (property.value() instanceof UserProperty pair) {
                found.add(pair);
            }
        }
        return found;
    }

    /** @return the subscription identifiers, in order: several in a PUBLISH that matched several subscriptions */
    public List<Integer> subscriptionIdentifiers() {
        List<Integer> found = new ArrayList<>();
        for (Property property : entries) {
            if (property.id() == PropertyIds.SUBSCRIPTION_IDENTIFIER) {
                found.add(((Long) property.value()).intValue());
            }
        }
        return found;
    }

    private Object first(int id) {
        for (Property property : entries) {
            if (property.id() == id) {
                return property.value();
            }
        }
        return null;
    }

    private static void requireType(int id, Class<?> type) {
        PropertyIds.Definition definition = PropertyIds.require(id);
        if (definition.type().javaType() != type) {
            throw new IllegalArgumentException("the " + definition.name() + " property holds a "
                + definition.type() + ", not a " + type.getSimpleName());
        }
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /**
     * Collects properties to send, in order. The identifier's data type is checked here; whether the property may
     * appear in the packet, repeats and ranges are checked by the encoder, which knows the packet.
     */
    public static final class Builder {

        private final List<Property> entries = new ArrayList<>();

        private Builder() {
        }

        /** A Byte, Two Byte, Four Byte or Variable Byte Integer property. */
        public Builder integer(int id, long value) {
            entries.add(new Property(id, value));
            return this;
        }

        public Builder string(int id, String value) {
            entries.add(new Property(id, value));
            return this;
        }

        public Builder binary(int id, byte[] value) {
            entries.add(new Property(id, value));
            return this;
        }

        public Builder userProperty(String name, String value) {
            entries.add(new Property(PropertyIds.USER_PROPERTY, new UserProperty(name, value)));
            return this;
        }

        public Builder subscriptionIdentifier(int identifier) {
            return integer(PropertyIds.SUBSCRIPTION_IDENTIFIER, identifier);
        }

        /** @return the properties; {@link Properties#NONE} when none were added */
        public Properties build() {
            return entries.isEmpty() ? NONE : new Properties(entries);
        }
    }
}
