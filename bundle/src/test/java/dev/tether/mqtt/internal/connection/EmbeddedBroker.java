package dev.tether.mqtt.internal.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.moquette.interception.messages.InterceptUnsubscribeMessage;

/**
 * An in-process Moquette broker on a free loopback port that can be stopped and started again, and
 * that records the SUBSCRIBE and UNSUBSCRIBE packets it receives.
 */
final class EmbeddedBroker implements AutoCloseable {

    private final int port;
    private final boolean allowAnonymous;
    private final List<String> subscriptionPackets = new CopyOnWriteArrayList<>();
    private final List<String> publishedPayloads = new CopyOnWriteArrayList<>();
    private Server server;
    private String deniedPrefix;

    EmbeddedBroker() {
        this(true);
    }

    /** @param allowAnonymous false: every client without credentials is refused (CONNACK 5) */
    EmbeddedBroker(boolean allowAnonymous) {
        this.port = freePort();
        this.allowAnonymous = allowAnonymous;
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** @return the payload of every PUBLISH the broker received, as UTF-8, in arrival order, across restarts */
    List<String> publishedPayloads() {
        return List.copyOf(publishedPayloads);
    }

    /** @return "SUBSCRIBE filter qos" and "UNSUBSCRIBE filter" lines, in arrival order */
    List<String> subscriptionPackets() {
        return List.copyOf(subscriptionPackets);
    }

    /** @return how many clients are connected now */
    int connectedClientCount() {
        return server == null ? 0 : server.listConnectedClients().size();
    }

    /** @param prefix topics the broker refuses subscriptions to (SUBACK failure), once started */
    EmbeddedBroker denyingSubscriptionsTo(String prefix) {
        deniedPrefix = prefix;
        return this;
    }

    EmbeddedBroker start() {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", Boolean.toString(allowAnonymous));
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        server = new Server();
        try {
            server.startServer(new MemoryConfig(properties), List.of(new AbstractInterceptHandler() {
                @Override
                public String getID() {
                    return "subscription-recorder";
                }

                @Override
                public void onSubscribe(InterceptSubscribeMessage message) {
                    subscriptionPackets.add("SUBSCRIBE " + message.getTopicFilter() + " "
                        + message.getRequestedQos().value());
                }

                @Override
                public void onPublish(InterceptPublishMessage message) {
                    publishedPayloads.add(message.getPayload().toString(java.nio.charset.StandardCharsets.UTF_8));
                }

                @Override
                public void onUnsubscribe(InterceptUnsubscribeMessage message) {
                    subscriptionPackets.add("UNSUBSCRIBE " + message.getTopicFilter());
                }

                @Override
                public void onSessionLoopError(Throwable error) {
                    // the tests look at packets, not at broker internals
                }
            }), null, null, authorizator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** @return null (Moquette's default, everything allowed) unless subscriptions to a prefix are denied */
    private IAuthorizatorPolicy authorizator() {
        if (deniedPrefix == null) {
            return null;
        }
        return new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String client) {
                return true;
            }

            @Override
            public boolean canRead(Topic topic, String user, String client) {
                return !topic.toString().startsWith(deniedPrefix);
            }
        };
    }

    void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
