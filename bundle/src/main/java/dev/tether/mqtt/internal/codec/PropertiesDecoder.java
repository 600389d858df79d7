package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.malformed;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.protocolError;

import java.util.ArrayList;
import java.util.List;

import dev.tether.mqtt.internal.codec.Properties.Property;
import dev.tether.mqtt.internal.codec.Properties.UserProperty;
import dev.tether.mqtt.internal.codec.PropertyIds.Definition;

/**
 * Reads MQTT 5 properties (MQTT 5.0, 2.2.2) and checks them against the table of {@link PropertyIds}: an
 * identifier unknown or not allowed where it appears, or a value not of its data type, is a Malformed Packet
 * (2.2.2.2); a property repeated that may not repeat, or a value out of its range, is a Protocol Error (as each
 * property's section says). Every length the peer announces is checked against the bytes that remain before
 * anything is allocated for it.
 */
final class PropertiesDecoder {

    private PropertiesDecoder() {
    }

    /**
     * Reads the property length and the properties it covers.
     *
     * @param place the packet type's code, or {@link PropertyIds#WILL}
     * @return {@link Properties#NONE} when there are none, without allocating
     */
    static Properties read(PacketBody body, int place) throws MalformedPacketException {
        String where = PropertyIds.placeName(place);
        int length = body.variableInteger("the property length of a " + where);
        if (length == 0) {
            return Properties.NONE;
        }
        if (length > body.left()) {
            throw malformed("the property length " + length + " of a " + where + " exceeds the " + body.left()
                + " bytes that remain");
        }
        return entries(body.properties(length), place);
    }

    /** Reads properties until the end of {@code properties}, which holds exactly them. */
    static Properties entries(PacketBody properties, int place) throws MalformedPacketException {
        String where = PropertyIds.placeName(place);
        List<Property> entries = new ArrayList<>();
        // every identifier is below 64: one bit each
        long seen = 0;
        while (properties.hasMore()) {
            int id = properties.unsignedByte();
            Definition definition = PropertyIds.definition(id);
            if (definition == null) {
                throw malformed("0x" + PropertyIds.hex(id) + " in a " + where
                    + " is not a property identifier (MQTT 5.0, 2.2.2.2)");
            }
            if (!definition.allowedIn(place)) {
                throw malformed("the " + definition.name() + " property (0x" + PropertyIds.hex(id)
                    + ") is not allowed in a " + where + " (MQTT 5.0, 2.2.2.2)");
            }
            if ((seen & 1L << id) != 0 && !PropertyIds.repeatable(id, place)) {
                throw protocolError("the " + definition.name() + " property appears more than once in a " + where);
            }
            seen |= 1L << id;
            entries.add(new Property(id, value(properties, definition, where)));
        }
        return new Properties(entries);
    }

    private static Object value(PacketBody properties, Definition definition, String where)
            throws MalformedPacketException {
        PropertyType type = definition.type();
        int fixedSize = switch (type) {
            case BYTE -> 1;
            case FOUR_BYTE_INTEGER -> 4;
            case VARIABLE_BYTE_INTEGER -> 0;
            default -> 2;
        };
        if (properties.left() < fixedSize) {
            throw malformed("the " + definition.name() + " property runs past the end of the properties of a "
                + where + " (" + properties.left() + " bytes left for a " + type + ")");
        }
        return switch (type) {
            case BYTE -> inRange(properties.unsignedByte(), definition, where);
            case TWO_BYTE_INTEGER -> inRange(properties.unsignedShort(), definition, where);
            case FOUR_BYTE_INTEGER -> inRange(properties.fourByteInteger(), definition, where);
            case VARIABLE_BYTE_INTEGER -> inRange(properties.variableInteger("the " + definition.name()), definition,
                where);
            case UTF8_STRING -> string(properties, definition.name(), where);
            case BINARY_DATA -> properties.bytes(announced(properties, properties.unsignedShort(), definition.name(),
                where));
            case UTF8_STRING_PAIR -> new UserProperty(string(properties, "User Property name", where),
                string(properties, "User Property value", where));
        };
    }

    private static Long inRange(long value, Definition definition, String where) throws MalformedPacketException {
        if (value < definition.min() || value > definition.max()) {
            throw protocolError("the " + definition.name() + " of " + value + " in a " + where + " is not "
                + definition.min() + " to " + definition.max() + " (MQTT 5.0, 2.2.2.2 and the property's section)");
        }
        return value;
    }

    private static String string(PacketBody properties, String what, String where) throws MalformedPacketException {
        if (properties.left() < 2) {
            throw malformed("the " + what + " runs past the end of the properties of a " + where);
        }
        int length = announced(properties, properties.unsignedShort(), what, where);
        return properties.string(length, "the " + what);
    }

    private static int announced(PacketBody properties, int length, String what, String where)
            throws MalformedPacketException {
        if (length > properties.left()) {
            throw malformed("the " + what + " announces " + length + " bytes, but only " + properties.left()
                + " remain in the properties of a " + where);
        }
        return length;
    }
}
