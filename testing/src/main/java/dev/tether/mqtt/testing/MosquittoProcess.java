package dev.tether.mqtt.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A Mosquitto 2.0 broker process for a test, with any number of named listeners: plain, TLS, mutual TLS, TLS-PSK,
 * each over TCP or WebSocket. Every listener gets a free port on the loopback interface; the ports stay the same
 * across {@link #stop()} and {@link #start()}, so a test can take the broker away and bring it back.
 *
 * <p>The broker allows anonymous clients, keeps nothing on disk, and logs connections to {@link #log()}. A JVM
 * shutdown hook kills a broker a crashed test left running.
 *
 * <p>Found with Debian's Mosquitto 2.0.11 (libwebsockets 4.1): a websockets listener takes its bind address as an
 * interface name, so it is bound to the loopback interface by name ({@code lo}; {@code 127.0.0.1} would listen on
 * every interface). And that Mosquitto refuses to start with websockets listeners only ("Unable to start any
 * listening sockets"), so a broker whose listeners are all websockets also gets an unnamed plain one.
 *
 * <pre>{@code
 * try (MosquittoProcess broker = MosquittoProcess.builder(workDir)
 *         .listener("plain", Listener.plain())
 *         .listener("tls", Listener.tls(pki.caCertificate(), server.certificate(), server.privateKey()))
 *         .start()) {
 *     connect("ssl://127.0.0.1:" + broker.port("tls"));
 * }
 * }</pre>
 */
public final class MosquittoProcess implements AutoCloseable {

    /** The system property naming the Mosquitto executable, {@code /usr/sbin/mosquitto} if unset. */
    public static final String EXECUTABLE_PROPERTY = "tether.mosquitto";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String ANCHOR = "__plain_anchor";
    private static final int TAIL_LINES = 30;

    private final Path config;
    private final Path log;
    private final Path output;
    private final Map<String, Integer> ports;
    private Process process;
    private Thread shutdownHook;

    private MosquittoProcess(Path workDir, Map<String, Listener> named, Map<String, String> pskIdentities,
            boolean persistent, Map<String, String> options)
            throws IOException {
        Files.createDirectories(workDir);
        this.config = workDir.resolve("mosquitto.conf");
        this.log = workDir.resolve("mosquitto.log");
        this.output = workDir.resolve("mosquitto.out");
        Map<String, Listener> listeners = new LinkedHashMap<>(named);
        if (listeners.values().stream().allMatch(listener -> listener.websockets)) {
            listeners.put(ANCHOR, Listener.plain());
        }
        int[] free = Ports.free(listeners.size());
        Map<String, Integer> assigned = new LinkedHashMap<>();
        int i = 0;
        for (String name : listeners.keySet()) {
            assigned.put(name, free[i++]);
        }
        this.ports = Collections.unmodifiableMap(assigned);
        Path pskFile = null;
        if (!pskIdentities.isEmpty()) {
            pskFile = workDir.resolve("mosquitto.psk");
            Files.writeString(pskFile, pskIdentities.entrySet().stream()
                .map(identity -> identity.getKey() + ":" + identity.getValue() + "\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);
        }
        Path data = persistent ? Files.createDirectories(workDir.resolve("data")) : null;
        Files.writeString(config, new MosquittoConfig(log, pskFile, data, listeners, ports, options).render(),
            StandardCharsets.UTF_8);
    }

    /** @return the Mosquitto executable: the {@value #EXECUTABLE_PROPERTY} system property, else /usr/sbin/mosquitto */
    public static Path executable() {
        return Path.of(System.getProperty(EXECUTABLE_PROPERTY, "/usr/sbin/mosquitto"));
    }

    /** @return whether {@link #executable()} can be run; tests skip themselves when not */
    public static boolean available() {
        File file = executable().toFile();
        return file.isFile() && file.canExecute();
    }

    /**
     * @param workDir where the configuration, the log and the PSK file go; one broker per directory
     * @return a builder
     */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /**
     * @param listenerName the name given to {@link Builder#listener(String, Listener)}
     * @return the port of that listener on 127.0.0.1
     * @throws IllegalArgumentException if there is no listener of that name
     */
    public int port(String listenerName) {
        Integer port = ports.get(listenerName);
        if (port == null || ANCHOR.equals(listenerName)) {
            throw new IllegalArgumentException("no listener named " + listenerName + "; there are "
                + ports.keySet().stream().filter(name -> !ANCHOR.equals(name)).collect(Collectors.toList()));
        }
        return port;
    }

    /** @return Mosquitto's log file: connections, disconnections, TLS errors. Restarts append to it. */
    public Path log() {
        return log;
    }

    /** @return whether the process runs */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the process, unless it runs, and returns once its log says it runs and every listener accepts TCP
     * connections.
     *
     * @throws IOException if the process exits or its listeners are not all open within 10 s; the message names the
     *                     log and shows its last lines
     */
    public synchronized void start() throws IOException {
        if (running()) {
            return;
        }
        long logOffset = sizeOf(log);
        long outputOffset = sizeOf(output);
        process = new ProcessBuilder(executable().toString(), "-c", config.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .start();
        Process started = process;
        shutdownHook = new Thread(started::destroyForcibly, "mosquitto-" + started.pid() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitListening(logOffset);
        } catch (IOException e) {
            stopProcess();
            throw new IOException(e.getMessage() + "\n--- " + log + " (last lines):\n" + tail(log, logOffset)
                + "\n--- " + output + " (last lines):\n" + tail(output, outputOffset), e.getCause());
        }
    }

    /**
     * Stops the process, unless it is stopped: SIGTERM, up to 10 s to exit, then SIGKILL. Returns once no listener
     * port accepts connections any more.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        stopProcess();
        for (int port : ports.values()) {
            try {
                Ports.awaitClosed(port, STOP_TIMEOUT);
            } catch (IOException e) {
                throw new UncheckedIOException("mosquitto stopped, but", e);
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "mosquitto " + ports + " (" + config + ")";
    }

    private void awaitListening(long logOffset) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with status " + process.exitValue() + " before it ran");
            }
            // probe the ports only once the log says so: each probe is a client connection Mosquitto logs
            String logged = readFrom(log, logOffset);
            if (logged.contains(" running") && ports.values().stream().allMatch(Ports::accepts)) {
                List<Integer> unannounced = new ArrayList<>();
                ports.values().stream().filter(port -> !logged.contains("listen socket on port " + port + "."))
                    .forEach(unannounced::add);
                if (!unannounced.isEmpty()) {
                    // another process answered on these ports
                    throw new IOException("mosquitto runs, but did not open port(s) " + unannounced);
                }
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("mosquitto did not open all of " + ports + " within "
                    + START_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void stopProcess() {
        Process stopping = process;
        process = null;
        stopping.destroy();
        try {
            if (!stopping.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook anyway
        }
        shutdownHook = null;
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** @return what was appended to {@code file} since it was {@code offset} bytes long */
    private static String readFrom(Path file, long offset) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        byte[] bytes = Files.readAllBytes(file);
        int from = (int) Math.min(offset, bytes.length);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    private static String tail(Path file, long offset) {
        try {
            List<String> lines = readFrom(file, offset).lines().collect(Collectors.toList());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read: " + e + ")";
        }
    }

    /**
     * What a listener speaks. Immutable: each method returns a changed copy.
     */
    public static final class Listener {

        final boolean websockets;
        final Path cafile;
        final Path certfile;
        final Path keyfile;
        final boolean requireCertificate;
        final String pskHint;
        final String tlsVersion;
        final String ciphers;
        /** Further options of this listener's section of {@code mosquitto.conf}, in order; see {@link #option}. */
        final Map<String, String> options;

        private Listener(boolean websockets, Path cafile, Path certfile, Path keyfile, boolean requireCertificate,
                         String pskHint, String tlsVersion, String ciphers) {
            this(websockets, cafile, certfile, keyfile, requireCertificate, pskHint, tlsVersion, ciphers, Map.of());
        }

        private Listener(boolean websockets, Path cafile, Path certfile, Path keyfile, boolean requireCertificate,
                         String pskHint, String tlsVersion, String ciphers, Map<String, String> options) {
            this.websockets = websockets;
            this.cafile = cafile;
            this.certfile = certfile;
            this.keyfile = keyfile;
            this.requireCertificate = requireCertificate;
            this.pskHint = pskHint;
            this.tlsVersion = tlsVersion;
            this.ciphers = ciphers;
            this.options = options;
        }

        /** @return plain MQTT, no TLS */
        public static Listener plain() {
            return new Listener(false, null, null, null, false, null, null, null);
        }

        /**
         * @param cafile   PEM file of the CA that signs client certificates (see {@link #requireClientCertificate()})
         * @param certfile PEM file of the server certificate (and its intermediates)
         * @param keyfile  PEM file of the server's private key, unencrypted
         * @return TLS with a server certificate; clients need none
         */
        public static Listener tls(Path cafile, Path certfile, Path keyfile) {
            return new Listener(false, Objects.requireNonNull(cafile, "cafile"),
                Objects.requireNonNull(certfile, "certfile"), Objects.requireNonNull(keyfile, "keyfile"), false,
                null, null, null);
        }

        /**
         * @param hint the PSK hint the broker sends; the identities are the broker's
         *             {@link Builder#pskIdentity(String, String)}, and a client's identity becomes its user name
         * @return TLS with a pre-shared key instead of certificates
         */
        public static Listener psk(String hint) {
            return new Listener(false, null, null, null, false, Objects.requireNonNull(hint, "hint"), null, null);
        }

        /** @return this listener over WebSocket (any HTTP path) instead of raw TCP */
        public Listener websockets() {
            return new Listener(true, cafile, certfile, keyfile, requireCertificate, pskHint, tlsVersion, ciphers,
                options);
        }

        /** @return this TLS listener refusing clients without a certificate signed by its CA */
        public Listener requireClientCertificate() {
            if (certfile == null) {
                throw new IllegalStateException("only a certificate TLS listener can require client certificates");
            }
            return new Listener(websockets, cafile, certfile, keyfile, true, pskHint, tlsVersion, ciphers, options);
        }

        /**
         * @param version Mosquitto's {@code tls_version}: {@code tlsv1.3}, {@code tlsv1.2} or {@code tlsv1.1}; null
         *                for Mosquitto's default (TLS 1.2 and 1.3)
         * @return this TLS or PSK listener accepting only that version
         */
        public Listener tlsVersion(String version) {
            requireTls("tls_version");
            return new Listener(websockets, cafile, certfile, keyfile, requireCertificate, pskHint, version, ciphers,
                options);
        }

        /**
         * @param list Mosquitto's {@code ciphers}: an OpenSSL cipher list for TLS 1.2 and below, such as
         *             {@code ECDHE-RSA-AES128-GCM-SHA256}; null for OpenSSL's default
         * @return this TLS or PSK listener offering only those ciphers
         */
        public Listener ciphers(String list) {
            requireTls("ciphers");
            return new Listener(websockets, cafile, certfile, keyfile, requireCertificate, pskHint, tlsVersion, list,
                options);
        }

        /**
         * Sets an option of this listener's own section of {@code mosquitto.conf}, such as {@code max_topic_alias 0}
         * or {@code max_qos 1}: Mosquitto 2.0 takes those per listener only, and ignores them among the broker-wide
         * {@link Builder#option(String, String) options} (checked with 2.0.11: {@code max_topic_alias 3} before the
         * first {@code listener} line still announces Topic Alias Maximum 10).
         *
         * @param key   the option's name
         * @param value its value, written as it is
         * @return this listener with the option set (replacing an earlier value of the same option)
         */
        public Listener option(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(options);
            more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return new Listener(websockets, cafile, certfile, keyfile, requireCertificate, pskHint, tlsVersion, ciphers,
                Collections.unmodifiableMap(more));
        }

        private void requireTls(String option) {
            if (certfile == null && pskHint == null) {
                throw new IllegalStateException(option + " needs a TLS or PSK listener");
            }
        }
    }

    /** Collects the listeners and PSK identities, then writes the configuration and starts the broker. */
    public static final class Builder {

        private final Path workDir;
        private final Map<String, Listener> listeners = new LinkedHashMap<>();
        private final Map<String, String> pskIdentities = new LinkedHashMap<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private boolean persistent;

        private Builder(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir");
        }

        /**
         * @param name     what {@link MosquittoProcess#port(String)} knows the listener by
         * @param listener what it speaks
         */
        public Builder listener(String name, Listener listener) {
            if (name.equals(ANCHOR) || listeners.containsKey(name)) {
                throw new IllegalArgumentException("listener name already taken: " + name);
            }
            listeners.put(name, Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a line {@code identity:hexKey} to the broker's {@code psk_file}, which every PSK listener uses.
         *
         * @param identity the client's PSK identity
         * @param hexKey   the key in hexadecimal, as Mosquitto reads it
         */
        public Builder pskIdentity(String identity, String hexKey) {
            if (identity.contains(":")) {
                throw new IllegalArgumentException("a PSK identity in Mosquitto's psk_file cannot contain ':'");
            }
            pskIdentities.put(identity, hexKey);
            return this;
        }

        /**
         * Sets a broker-wide option of {@code mosquitto.conf}, such as {@code max_inflight_messages 1000}. Options are
         * written in the order they were first set.
         */
        public Builder option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Keeps sessions, subscriptions and queued QoS 1/2 messages in {@code workDir/data} across
         * {@link MosquittoProcess#stop()} and {@link MosquittoProcess#start()} (Mosquitto writes them on shutdown).
         */
        public Builder persistent() {
            persistent = true;
            return this;
        }

        /**
         * Writes the configuration and assigns the ports, without starting the process.
         *
         * @throws IllegalStateException if no listener was added
         */
        public MosquittoProcess build() throws IOException {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("add at least one listener");
            }
            // in the order given: Mosquitto wants a plugin line before its plugin_opt_ lines (Map.copyOf has no order)
            return new MosquittoProcess(workDir, listeners, pskIdentities, persistent,
                Collections.unmodifiableMap(new LinkedHashMap<>(options)));
        }

        /**
         * Builds and {@linkplain MosquittoProcess#start() starts} the broker.
         */
        public MosquittoProcess start() throws IOException {
            MosquittoProcess broker = build();
            broker.start();
            return broker;
        }
    }
}
