package dev.tether.mqtt;

import java.util.Objects;

/**
 * An MQTT 5 user property: a name and a value that travel with a message. Names may repeat, and their order is
 * kept. Since 1.4.
 *
 * @param name  the name, UTF-8 text
 * @param value the value, UTF-8 text
 */
public record UserProperty(String name, String value) {

    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
