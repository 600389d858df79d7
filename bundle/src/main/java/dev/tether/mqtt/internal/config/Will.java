package dev.tether.mqtt.internal.config;

import java.util.Optional;

/**
 * The last will the broker publishes when the client vanishes without disconnecting.
 *
 * @param delaySeconds          MQTT 5 Will Delay Interval; 0 on 3.1.1
 * @param messageExpirySeconds  MQTT 5 Message Expiry Interval; 0: none
 * @param contentType           MQTT 5 Content Type, if any
 */
public record Will(String topic, String message, int qos, boolean retain, long delaySeconds,
        long messageExpirySeconds, Optional<String> contentType) {

    public Will(String topic, String message, int qos, boolean retain) {
        this(topic, message, qos, retain, 0, 0, Optional.empty());
    }
}
