package dev.tether.bench.broker;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.tether.mqtt.testing.Ports;

/**
 * A Mosquitto process with three plain listeners on 127.0.0.1. Settings that matter for the figures:
 * {@code max_queued_messages 0} (no limit), so a subscriber that falls behind is measured as slow rather than
 * losing messages (Mosquitto 2.0 drops QoS 0 messages beyond the default of 1,000 queued per client);
 * {@code max_inflight_messages 1000}, the clients' own window (see below); {@code set_tcp_nodelay true}; everything
 * else at Mosquitto's defaults, among them {@code max_topic_alias 10} on the main and the second listener (written
 * out, so the report shows it); the third listener takes no topic aliases ({@code max_topic_alias 0}), for the
 * bytes-on-the-wire comparison of MQTT 5 with and without them. The log records connections and subscriptions, so
 * the command line clients can be timed from the moment they are ready.
 *
 * <p>{@code max_inflight_messages} is global in Mosquitto and means a different thing per MQTT version: to an MQTT 5
 * client it is the Receive Maximum of the CONNACK (how many QoS 1/2 messages the client may have unacknowledged
 * towards the broker), while the broker sends an MQTT 5 client up to the client's own Receive Maximum (Tether: 1,000)
 * and an MQTT 3.1.1 client up to {@code max_inflight_messages}. At the default of 20 an MQTT 5 publisher would be
 * held to 20 where a 3.1.1 publisher is not, and a 3.1.1 subscriber to 20 where a 5 one is not: with 1,000 both
 * versions have the same window both ways, the bound the harness gives every Java client anyway. A broker with the
 * default can be started too ({@link #launchWithDefaultInflight}), for the report's note on it.
 */
public final class MosquittoBroker implements Broker {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path executable;
    private final Path config;
    private final Path log;
    private final int port;
    private final int secondPort;
    private final int noTopicAliasPort;
    private final boolean defaultInflight;
    private final String version;
    private Process process;

    private MosquittoBroker(Path executable, Path workDir, boolean defaultInflight) throws IOException {
        this.executable = executable;
        this.defaultInflight = defaultInflight;
        Files.createDirectories(workDir);
        this.config = workDir.resolve("mosquitto.conf");
        this.log = workDir.resolve("mosquitto.log");
        Files.deleteIfExists(log);
        int[] ports = Ports.free(3);
        this.port = ports[0];
        this.secondPort = ports[1];
        this.noTopicAliasPort = ports[2];
        this.version = versionOf(executable);
        StringBuilder conf = new StringBuilder();
        if ("root".equals(System.getProperty("user.name"))) {
            // as root Mosquitto switches to the user "mosquitto", which cannot write our log file
            conf.append("user root\n");
        }
        // max_topic_alias is an option of the listener it follows; 10 is Mosquitto's default
        conf.append("listener ").append(port).append(' ').append(HOST).append('\n')
            .append("max_topic_alias 10\n")
            .append("listener ").append(secondPort).append(' ').append(HOST).append('\n')
            .append("max_topic_alias 10\n")
            .append("listener ").append(noTopicAliasPort).append(' ').append(HOST).append('\n')
            .append("max_topic_alias 0\n")
            .append("allow_anonymous true\n")
            .append("persistence false\n")
            .append("max_queued_messages 0\n");
        if (!defaultInflight) {
            // the default of 20 is also Mosquitto's Receive Maximum to MQTT 5 clients, and what it sends a 3.1.1 client
            // unacknowledged; an MQTT 3.1.1 client with more QoS 2 messages in flight than this (Paho allows 1,000)
            // is disconnected ("Bad socket read/write") and retries for ever
            conf.append("max_inflight_messages 1000\n");
        }
        conf
            // the broker's own Nagle delay (with the subscriber's delayed ACK, up to 40 ms) would be in every client's
            // latency alike and hide their differences; a client's own Nagle setting stays part of its figures
            .append("set_tcp_nodelay true\n")
            .append("log_dest file ").append(log.toAbsolutePath()).append('\n')
            .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\nlog_type subscribe\n")
            .append("connection_messages true\n");
        Files.writeString(config, conf, StandardCharsets.UTF_8);
    }

    /** @return the Mosquitto executable if it is installed */
    public static Path executable() {
        return Path.of(System.getProperty("tether.mosquitto", "/usr/sbin/mosquitto"));
    }

    public static boolean installed() {
        File file = executable().toFile();
        return file.isFile() && file.canExecute();
    }

    /** Starts a broker whose files live in {@code workDir}. */
    public static MosquittoBroker launch(Path workDir) throws IOException {
        MosquittoBroker broker = new MosquittoBroker(executable(), workDir, false);
        broker.start();
        return broker;
    }

    /**
     * Starts a broker with {@code max_inflight_messages} at Mosquitto's default (20) and the rest as
     * {@link #launch}: what a user with a stock Mosquitto gets.
     */
    public static MosquittoBroker launchWithDefaultInflight(Path workDir) throws IOException {
        MosquittoBroker broker = new MosquittoBroker(executable(), workDir, true);
        broker.start();
        return broker;
    }

    /** @return the settings that matter for the figures, for the report */
    public String settings() {
        return "max_inflight_messages " + (defaultInflight ? "20 (its default)" : "1000") + ", max_queued_messages 0,"
            + " set_tcp_nodelay true, max_topic_alias 10 (its default; a third listener 0, for the topic-alias bytes)";
    }

    /** @return a listener of the same broker that takes no topic aliases ({@code max_topic_alias 0}) */
    public int noTopicAliasPort() {
        return noTopicAliasPort;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int secondPort() {
        return secondPort;
    }

    @Override
    public String description() {
        return version + " (process, " + executable + ")";
    }

    @Override
    public synchronized long start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto runs already");
        }
        process = new ProcessBuilder(executable.toString(), "-c", config.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        long open = Ports.awaitOpen(port, START_TIMEOUT, process);
        Ports.awaitOpen(secondPort, START_TIMEOUT, process);
        Ports.awaitOpen(noTopicAliasPort, START_TIMEOUT, process);
        return open;
    }

    @Override
    public synchronized void stop() throws IOException {
        if (process == null) {
            return;
        }
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
        Ports.awaitClosed(port, STOP_TIMEOUT);
    }

    @Override
    public long logMark() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public boolean awaitLogged(long mark, String clientId, String topic, Duration timeout) throws IOException {
        // "...: New client connected from 127.0.0.1:40000 as ID (p2, c1, k60)." and "...: ID 1 a/topic"
        String connected = " as " + clientId + " (";
        String subscribed = topic == null ? null : ": " + clientId + " ";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String logged = readFrom(mark);
            int at = logged.indexOf(connected);
            if (at >= 0 && (subscribed == null || subscribedAfter(logged, at, subscribed, topic))) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return false;
    }

    private static boolean subscribedAfter(String logged, int from, String prefix, String topic) {
        for (int at = logged.indexOf(prefix, from); at >= 0; at = logged.indexOf(prefix, at + 1)) {
            int end = logged.indexOf('\n', at);
            String line = logged.substring(at + prefix.length(), end < 0 ? logged.length() : end);
            // "QOS TOPIC"
            if (line.length() > 2 && line.substring(2).equals(topic)) {
                return true;
            }
        }
        return false;
    }

    /** @return what was logged after {@code mark}; only that is read, the log grows over a run */
    private String readFrom(long mark) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= mark) {
                return "";
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) (size - mark));
            while (bytes.hasRemaining() && channel.read(bytes, mark + bytes.position()) > 0) {
                // read until the end as it was
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException e) {
            System.err.println("[bench] stopping mosquitto: " + e.getMessage());
        }
    }

    private static String versionOf(Path executable) {
        try {
            Process help = new ProcessBuilder(executable.toString(), "-h").redirectErrorStream(true).start();
            String first = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .findFirst().orElse("mosquitto");
            help.waitFor(5, TimeUnit.SECONDS);
            // "mosquitto version 2.0.11"
            return first.replace("mosquitto version", "Mosquitto").trim();
        } catch (IOException e) {
            return "Mosquitto";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Mosquitto";
        }
    }
}
