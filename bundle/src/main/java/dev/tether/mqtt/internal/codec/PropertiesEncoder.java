package dev.tether.mqtt.internal.codec;

import dev.tether.mqtt.internal.codec.Properties.Property;
import dev.tether.mqtt.internal.codec.Properties.UserProperty;
import dev.tether.mqtt.internal.codec.PropertyIds.Definition;

/**
 * Writes MQTT 5 properties (MQTT 5.0, 2.2.2): first measured, which checks them against the table of
 * {@link PropertyIds} as a receiver would, then written. What a receiver would refuse is refused here with an
 * IllegalArgumentException, before a byte is written.
 */
final class PropertiesEncoder {

    private PropertiesEncoder() {
    }

    /**
     * @param place the packet type's code, or {@link PropertyIds#WILL}
     * @return the bytes of the properties, without the property length before them
     * @throws IllegalArgumentException for a property not allowed in the place, repeated where it may not be, or
     *     a value out of range
     */
    static int length(Properties properties, int place) {
        if (properties.isEmpty()) {
            return 0;
        }
        String where = PropertyIds.placeName(place);
        long seen = 0;
        long length = 0;
        for (Property property : properties.entries()) {
            Definition definition = PropertyIds.require(property.id());
            if (!definition.allowedIn(place)) {
                throw new IllegalArgumentException("the " + definition.name() + " property is not allowed in a "
                    + where + " (MQTT 5.0, 2.2.2.2)");
            }
            if ((seen & 1L << property.id()) != 0 && !PropertyIds.repeatable(property.id(), place)) {
                throw new IllegalArgumentException("the " + definition.name() + " property may appear only once in a "
                    + where);
            }
            seen |= 1L << property.id();
            length += 1 + valueLength(property.value(), definition, where);
        }
        if (length > PacketEncoder.MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("the properties of a " + where + " are " + length + " bytes, more "
                + "than a packet holds");
        }
        return (int) length;
    }

    /** @return the property length's bytes and the properties' */
    static int withLength(int length) {
        return PacketBuffer.variableIntSize(length) + length;
    }

    private static int valueLength(Object value, Definition definition, String where) {
        return switch (definition.type()) {
            case BYTE, TWO_BYTE_INTEGER, FOUR_BYTE_INTEGER -> {
                checked(value, definition, where);
                yield definition.type() == PropertyType.BYTE ? 1
                    : definition.type() == PropertyType.TWO_BYTE_INTEGER ? 2 : 4;
            }
            case VARIABLE_BYTE_INTEGER -> PacketBuffer.variableIntSize((int) checked(value, definition, where));
            case UTF8_STRING -> 2 + PacketEncoder.stringLength((String) value, "the " + definition.name());
            case BINARY_DATA -> 2 + PacketEncoder.binaryLength((byte[]) value, "the " + definition.name());
            case UTF8_STRING_PAIR -> 4 + PacketEncoder.stringLength(((UserProperty) value).name(),
                "a User Property name") + PacketEncoder.stringLength(((UserProperty) value).value(),
                "a User Property value");
        };
    }

    /** @return the number, in its range */
    private static long checked(Object value, Definition definition, String where) {
        long number = (Long) value;
        if (number < definition.min() || number > definition.max()) {
            throw new IllegalArgumentException("the " + definition.name() + " of " + number + " in a " + where
                + " is not " + definition.min() + " to " + definition.max());
        }
        return number;
    }

    /** Writes the property length, then the properties measured by {@link #length(Properties, int)}. */
    static void write(Properties properties, int length, PacketBuffer out) {
        out.writeVariableInt(length);
        for (Property property : properties.entries()) {
            out.writeByte(property.id());
            Object value = property.value();
            switch (PropertyIds.require(property.id()).type()) {
                case BYTE -> out.writeByte((int) (long) (Long) value);
                case TWO_BYTE_INTEGER -> out.writeShort((int) (long) (Long) value);
                case FOUR_BYTE_INTEGER -> out.writeInt((Long) value);
                case VARIABLE_BYTE_INTEGER -> out.writeVariableInt((int) (long) (Long) value);
                case UTF8_STRING -> string((String) value, out);
                case BINARY_DATA -> out.writeBinary((byte[]) value);
                case UTF8_STRING_PAIR -> {
                    string(((UserProperty) value).name(), out);
                    string(((UserProperty) value).value(), out);
                }
            }
        }
    }

    private static void string(String value, PacketBuffer out) {
        out.writeString(value, MqttStrings.encodedLength(value));
    }
}
