package dev.tether.mqtt.itests.broker;

import java.io.IOException;
import java.util.Set;

import dev.tether.mqtt.testing.EmbeddedMoquette;

/** Moquette in the driver JVM, plain MQTT only: the project's {@link EmbeddedMoquette} seen as a {@link Broker}. */
final class MoquetteBroker implements Broker {

    private final EmbeddedMoquette moquette = EmbeddedMoquette.builder().plain().build();

    @Override
    public int port() {
        return moquette.plainPort();
    }

    @Override
    public void start() throws IOException {
        moquette.start();
    }

    @Override
    public void stop() {
        moquette.stop();
    }

    @Override
    public Set<String> connectedClients() {
        return moquette.connectedClients();
    }
}
