package dev.tether.mqtt.internal.codec;

import java.util.List;

/**
 * The properties an MQTT 5 packet carries after its variable header (MQTT 5.0, 2.2.2), each an identifier with
 * its value, in wire order. MQTT 3.1.1 packets have none: they always carry {@link #NONE}.
 *
 * @param entries the properties, in the order they were read or are to be written
 */
public record Properties(List<Property> entries) {

    /** No properties: every MQTT 3.1.1 packet. */
    public static final Properties NONE = new Properties(List.of());

    /**
     * One property.
     *
     * @param id    its identifier (MQTT 5.0, 2.2.2.2)
     * @param value an Integer, a String, a byte[] or, for a user property, a String[2] of name and value
     */
    public record Property(int id, Object value) {
    }

    public Properties {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
