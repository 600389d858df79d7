package dev.tether.mqtt;

import org.osgi.annotation.versioning.ProviderType;

/** Something registered with an {@link MqttService} that ends when closed. */
@ProviderType
public interface Registration extends AutoCloseable {

    /** Ends the registration. Idempotent, never throws, never blocks on the network. */
    @Override
    void close();
}
