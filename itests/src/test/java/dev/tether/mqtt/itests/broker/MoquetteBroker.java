package dev.tether.mqtt.itests.broker;

import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.moquette.broker.ClientDescriptor;
import io.moquette.broker.Server;

/** Moquette in the driver JVM, without persistence, websocket or telemetry. */
final class MoquetteBroker implements Broker {

    private final int port;
    private Server server;

    MoquetteBroker(int port) {
        this.port = port;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        Properties config = new Properties();
        config.setProperty("host", "127.0.0.1");
        config.setProperty("port", Integer.toString(port));
        config.setProperty("websocket_port", "disabled");
        config.setProperty("allow_anonymous", "true");
        config.setProperty("persistence_enabled", "false");
        config.setProperty("telemetry_enabled", "false");
        config.setProperty("immediate_buffer_flush", "true");
        config.setProperty("buffer_flush_millis", "0");
        Server started = new Server();
        started.startServer(config);
        server = started;
        Ports.awaitOpen(port);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stopServer();
        server = null;
        Ports.awaitClosed(port);
    }

    @Override
    public synchronized Set<String> connectedClients() {
        if (server == null) {
            return Set.of();
        }
        return server.listConnectedClients().stream().map(ClientDescriptor::getClientID).collect(Collectors.toSet());
    }
}
