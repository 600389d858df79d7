package dev.tether.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.moquette.broker.ClientDescriptor;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * A Moquette 0.17 broker in the test's JVM, with any of four listeners on free ports of 127.0.0.1: plain MQTT,
 * MQTT over WebSocket, MQTT over TLS and MQTT over secure WebSocket. It allows anonymous clients unless
 * {@linkplain Builder#onlyUser(String, String) told otherwise}, sends no telemetry and flushes every packet at once. It
 * keeps nothing on disk unless {@linkplain Builder#persistentIn(Path) made persistent}, and then keeps sessions,
 * subscriptions, retained messages and queued messages across {@link #stop()} and {@link #start()}. The ports stay the
 * same across {@link #stop()} and {@link #start()}. It can {@linkplain Builder#recording() record} what clients send
 * and {@linkplain Builder#denySubscriptionsTo(String) refuse subscriptions}.
 *
 * <p>Moquette serves WebSocket on the HTTP path {@value #WEBSOCKET_PATH} and no other ({@code ws://127.0.0.1:port/mqtt};
 * Paho also asks for {@code /mqtt} when the URI has no path). Its TLS listeners share one keystore; client
 * certificates are not asked for. Stopping takes about 2 s: Netty's graceful shutdown waits that long for quiet.
 *
 * <pre>{@code
 * try (EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().tls(server.writePkcs12(pw), pw).start()) {
 *     connect("ssl://127.0.0.1:" + broker.tlsPort());
 * }
 * }</pre>
 */
public final class EmbeddedMoquette implements AutoCloseable {

    /** The HTTP path of the WebSocket listeners. */
    public static final String WEBSOCKET_PATH = "/mqtt";

    private static final Duration PORT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Integer> ports;
    private final Properties config;
    private final PacketRecorder recorder;
    private final IAuthenticator authenticator;
    private final IAuthorizatorPolicy authorizator;
    private Server server;

    private EmbeddedMoquette(Map<String, Integer> ports, Properties config, Builder builder) {
        this.ports = ports;
        this.config = config;
        this.recorder = builder.recording ? new PacketRecorder() : null;
        this.authenticator = builder.user == null ? null : onlyUser(builder.user, builder.password);
        this.authorizator = builder.deniedPrefix == null ? null : denying(builder.deniedPrefix);
    }

    /** @return a builder with no listener yet */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the port of plain MQTT */
    public int plainPort() {
        return port(Builder.PLAIN);
    }

    /** @return {@code 127.0.0.1:} and the port of plain MQTT, as a client's {@code server} setting takes it */
    public String plainAddress() {
        return Ports.LOOPBACK.getHostAddress() + ":" + plainPort();
    }

    /** @return the port of MQTT over WebSocket, path {@value #WEBSOCKET_PATH} */
    public int websocketPort() {
        return port(Builder.WEBSOCKET);
    }

    /** @return the port of MQTT over TLS */
    public int tlsPort() {
        return port(Builder.TLS);
    }

    /** @return the port of MQTT over secure WebSocket, path {@value #WEBSOCKET_PATH} */
    public int secureWebsocketPort() {
        return port(Builder.SECURE_WEBSOCKET);
    }

    /**
     * Starts the broker, unless it runs, and returns once every listener accepts TCP connections.
     *
     * @throws IOException if the keystore cannot be read with its password, Moquette fails, or a listener does not
     *                     open within 10 s
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        checkKeyStore();
        Server starting = new Server();
        // null: Moquette's defaults, its TLS context from the keystore settings, everyone allowed everything
        starting.startServer(new MemoryConfig(config), recorder == null ? List.of() : List.of(recorder), null,
            authenticator, authorizator);
        server = starting;
        for (Map.Entry<String, Integer> listener : ports.entrySet()) {
            try {
                Ports.awaitOpen(listener.getValue(), PORT_TIMEOUT);
            } catch (IOException e) {
                stop();
                throw new IOException("Moquette did not open its " + listener.getKey() + " listener", e);
            }
        }
    }

    /** Stops the broker, unless it is stopped, and returns once no listener accepts connections. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stopServer();
        server = null;
        for (int port : ports.values()) {
            try {
                Ports.awaitClosed(port, PORT_TIMEOUT);
            } catch (IOException e) {
                throw new UncheckedIOException("Moquette stopped, but", e);
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** @return the client ids connected now; none while stopped */
    public synchronized Set<String> connectedClients() {
        if (server == null) {
            return Set.of();
        }
        return server.listConnectedClients().stream().map(ClientDescriptor::getClientID).collect(Collectors.toSet());
    }

    /**
     * @return the payload of every PUBLISH the broker received, as UTF-8, in arrival order, across restarts; recorded a
     *         moment after the broker handled the packet, so a test awaits what it looks for
     * @throws IllegalStateException unless built {@linkplain Builder#recording() recording}
     */
    public List<String> publishedPayloads() {
        return recorder().publishedPayloads();
    }

    /**
     * @return a line {@code SUBSCRIBE filter qos} or {@code UNSUBSCRIBE filter} per topic filter of every SUBSCRIBE and
     *         UNSUBSCRIBE the broker received, in arrival order, across restarts; recorded as
     *         {@link #publishedPayloads()} is
     * @throws IllegalStateException unless built {@linkplain Builder#recording() recording}
     */
    public List<String> subscriptionPackets() {
        return recorder().subscriptionPackets();
    }

    @Override
    public String toString() {
        return "Moquette " + ports;
    }

    /** Moquette only logs a keystore it cannot read and leaves its TLS ports closed; say why at once instead. */
    private void checkKeyStore() throws IOException {
        String path = config.getProperty("jks_path");
        if (path == null) {
            return;
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore.getInstance(config.getProperty("key_store_type"))
                .load(in, config.getProperty("key_store_password").toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("Moquette could not read the keystore " + path + ": " + e.getMessage(), e);
        }
    }

    private PacketRecorder recorder() {
        if (recorder == null) {
            throw new IllegalStateException("this broker records nothing: build it with recording()");
        }
        return recorder;
    }

    private static IAuthenticator onlyUser(String user, byte[] password) {
        return (clientId, userName, given) -> user.equals(userName) && Arrays.equals(password, given);
    }

    private static IAuthorizatorPolicy denying(String prefix) {
        return new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String client) {
                return true;
            }

            @Override
            public boolean canRead(Topic topic, String user, String client) {
                return !topic.toString().startsWith(prefix);
            }
        };
    }

    private int port(String listener) {
        Integer port = ports.get(listener);
        if (port == null) {
            throw new IllegalStateException("this broker has no " + listener + " listener; it has " + ports.keySet());
        }
        return port;
    }

    /** Chooses the listeners. */
    public static final class Builder {

        static final String PLAIN = "plain";
        static final String WEBSOCKET = "websocket";
        static final String TLS = "TLS";
        static final String SECURE_WEBSOCKET = "secure websocket";

        private boolean plain;
        private boolean websocket;
        private boolean tls;
        private boolean secureWebsocket;
        private Path keyStore;
        private char[] keyStorePassword;
        private Path dataDir;
        private int maxMessageSize;
        private boolean recording;
        private String deniedPrefix;
        private String user;
        private byte[] password;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds plain MQTT over TCP. */
        public Builder plain() {
            plain = true;
            return this;
        }

        /** Adds MQTT over WebSocket, path {@value EmbeddedMoquette#WEBSOCKET_PATH}. */
        public Builder websocket() {
            websocket = true;
            return this;
        }

        /**
         * Adds MQTT over TLS.
         *
         * @param pkcs12   a PKCS#12 keystore with the server's key and certificate chain, such as
         *                 {@link Issued#writePkcs12(char[])} writes
         * @param password the password of the keystore and of its key
         */
        public Builder tls(Path pkcs12, char[] password) {
            useKeyStore(pkcs12, password);
            tls = true;
            return this;
        }

        /**
         * Adds MQTT over secure WebSocket, path {@value EmbeddedMoquette#WEBSOCKET_PATH}.
         *
         * @param pkcs12   as for {@link #tls(Path, char[])}; Moquette has one keystore, so it must be the same if both
         *                 are used
         * @param password the password of the keystore and of its key
         */
        public Builder secureWebsocket(Path pkcs12, char[] password) {
            useKeyStore(pkcs12, password);
            secureWebsocket = true;
            return this;
        }

        /**
         * Makes the broker persistent: persistent sessions ({@code clean_session=false}), their subscriptions and the
         * QoS 1 and 2 messages queued for them while they are offline, and retained messages, survive
         * {@link EmbeddedMoquette#stop()} and {@link EmbeddedMoquette#start()}, and a new broker on the same
         * directory. Moquette 0.17 keeps all of it in one H2 MVStore file, {@code moquette_store.h2}: this sets
         * {@code persistence_enabled=true}, {@code data_path} and {@code persistent_queue_type=h2} (Moquette's own
         * default queue type is "segmented", which keeps queues in separate 64 MiB page files). Moquette commits the
         * store every 30 s and when it stops; a JVM that dies in between loses the rest.
         *
         * @param dataDir the directory of the store, made if missing; one running broker per directory
         */
        public Builder persistentIn(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /**
         * Sets Moquette's {@code netty.mqtt.message_size}: the largest MQTT packet it accepts, 8092 bytes unless set.
         * Over WebSocket, frames have a limit of their own ({@code websocket_max_frame_size}, 65536 bytes): Moquette
         * closes the connection with 1009 "Max frame length of 65536 has been exceeded" on a larger frame, whatever
         * this limit; a larger packet must span frames.
         *
         * @param bytes the limit
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("the largest message must be positive: " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Records what clients send: {@link EmbeddedMoquette#publishedPayloads()} and
         * {@link EmbeddedMoquette#subscriptionPackets()}.
         */
        public Builder recording() {
            recording = true;
            return this;
        }

        /**
         * Refuses subscriptions to topic filters that start with a prefix: the SUBACK carries failure (0x80) for them,
         * and the connection stays up.
         *
         * @param topicPrefix e.g. {@code "secret"} for {@code secret/#} and {@code secret/a}
         */
        public Builder denySubscriptionsTo(String topicPrefix) {
            deniedPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
            return this;
        }

        /**
         * Accepts one user name with one password and refuses every other client, those without a user name too,
         * with CONNACK return code 4 (bad user name or password).
         *
         * @param user     the user name
         * @param password the password, compared as UTF-8 bytes
         */
        public Builder onlyUser(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = password.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Sets one of Moquette's settings this builder has no method for, such as {@code session_queue_size} or
         * {@code allow_zero_byte_client_id} (Moquette 0.17's {@code BrokerConstants} lists them).
         *
         * @throws IllegalArgumentException at {@link #build()}, if the builder sets the key itself
         */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Assigns the ports, without starting the broker.
         *
         * @throws IllegalStateException if no listener was chosen
         */
        public EmbeddedMoquette build() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            int[] free = Ports.free(4);
            Properties config = new Properties();
            config.setProperty("host", Ports.LOOPBACK.getHostAddress());
            config.setProperty("allow_anonymous", Boolean.toString(user == null));
            if (dataDir == null) {
                config.setProperty("persistence_enabled", "false");
            } else {
                config.setProperty("persistence_enabled", "true");
                config.setProperty("data_path", dataDir.toAbsolutePath().toString());
                config.setProperty("persistent_queue_type", "h2");
            }
            config.setProperty("telemetry_enabled", "false");
            // every packet flushed at once, as latency figures and tests' timing need: Moquette 0.17's default too,
            // written out; set, it also overrides the older immediate_buffer_flush
            config.setProperty("buffer_flush_millis", "0");
            if (maxMessageSize > 0) {
                config.setProperty("netty.mqtt.message_size", Integer.toString(maxMessageSize));
            }
            // a listener left out must say so: Moquette opens plain 1883 and WebSocket 8080 by default
            config.setProperty("port", listen(plain, PLAIN, free[0], ports));
            config.setProperty("websocket_port", listen(websocket, WEBSOCKET, free[1], ports));
            config.setProperty("websocket_path", WEBSOCKET_PATH);
            if (keyStore != null) {
                config.setProperty("ssl_port", listen(tls, TLS, free[2], ports));
                config.setProperty("secure_websocket_port", listen(secureWebsocket, SECURE_WEBSOCKET, free[3], ports));
                config.setProperty("jks_path", keyStore.toAbsolutePath().toString());
                config.setProperty("key_store_type", "pkcs12");
                config.setProperty("key_store_password", new String(keyStorePassword));
                config.setProperty("key_manager_password", new String(keyStorePassword));
            }
            if (ports.isEmpty()) {
                throw new IllegalStateException("choose at least one listener");
            }
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                if (config.containsKey(setting.getKey())) {
                    throw new IllegalArgumentException("the builder sets " + setting.getKey() + " itself ("
                        + config.getProperty(setting.getKey()) + "); use its method");
                }
                config.setProperty(setting.getKey(), setting.getValue());
            }
            return new EmbeddedMoquette(Collections.unmodifiableMap(ports), config, this);
        }

        /** Builds and {@linkplain EmbeddedMoquette#start() starts} the broker. */
        public EmbeddedMoquette start() throws IOException {
            EmbeddedMoquette broker = build();
            broker.start();
            return broker;
        }

        private void useKeyStore(Path pkcs12, char[] password) {
            Objects.requireNonNull(pkcs12, "pkcs12");
            Objects.requireNonNull(password, "password");
            if (keyStore != null && (!keyStore.equals(pkcs12) || !Arrays.equals(keyStorePassword, password))) {
                throw new IllegalArgumentException("Moquette has one keystore for TLS and secure WebSocket; got "
                    + keyStore + " and " + pkcs12);
            }
            keyStore = pkcs12;
            keyStorePassword = password.clone();
        }

        private static String listen(boolean wanted, String name, int port, Map<String, Integer> ports) {
            if (!wanted) {
                return "disabled";
            }
            ports.put(name, port);
            return Integer.toString(port);
        }
    }
}
