package dev.tether.mqtt.internal.config;

/** The last will the broker publishes when the client vanishes without disconnecting. */
public record Will(String topic, String message, int qos, boolean retain) {
}
