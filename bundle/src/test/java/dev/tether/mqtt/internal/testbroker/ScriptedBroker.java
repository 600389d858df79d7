package dev.tether.mqtt.internal.testbroker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.ProtocolVersion;

/**
 * A broker that does only what a test's script says: it listens on a free loopback port and hands each client
 * connection it accepts to the script, on a thread of its own. The script reads what the client sends and answers
 * (or not) with packets or raw bytes, through a {@link ScriptedConnection}. Every packet received is recorded per
 * connection; once a script returns, its connection stays open and what the client sends is still recorded.
 * {@link #close()} closes everything and fails the test if a script failed.
 *
 * <pre>{@code
 * try (ScriptedBroker broker = ScriptedBroker.start(client -> {
 *     client.expect(Connect.class);
 *     client.send(new ConnAck(false, 0, Properties.NONE));
 *     client.sendRaw(hex("40 02 10 92"));     // a PUBACK for an id never used
 * })) { ... broker.awaitConnections(2, Duration.ofSeconds(5)); }
 * }</pre>
 */
public final class ScriptedBroker implements AutoCloseable {

    /** What the broker does with one client connection. */
    @FunctionalInterface
    public interface Script {
        /** @param client the connection, numbered from 1 in the order accepted */
        void run(ScriptedConnection client) throws Exception;
    }

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket server;
    private final Script script;
    private final List<ScriptedConnection> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closing;
    /** Null: MQTT 3.1.1 only, as {@link #start}; else the highest version a CONNECT may ask for. */
    private final ProtocolVersion highest;

    private ScriptedBroker(Script script) throws IOException {
        this(script, null);
    }

    private ScriptedBroker(Script script, ProtocolVersion highest) throws IOException {
        this.script = script;
        this.highest = highest;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "scripted-broker-" + server.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a broker listening on a free port of 127.0.0.1, running {@code script} for every connection */
    public static ScriptedBroker start(Script script) throws IOException {
        return new ScriptedBroker(script);
    }

    /**
     * @return a broker like {@link #start}'s that speaks MQTT 5 as well: each connection reads a CONNECT of level 5
     *     or 4 and from then on reads, and {@link ScriptedConnection#send} writes, the CONNECT's version; it also
     *     keeps the bytes it received ({@link ScriptedConnection#rawReceived()})
     */
    public static ScriptedBroker startMqtt5(Script script) throws IOException {
        return new ScriptedBroker(script, ProtocolVersion.MQTT_5);
    }

    /** @return the bytes of hex digits written in pairs, spaces allowed: {@code "C0 00"} */
    public static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", ""));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code 127.0.0.1:port}, as Tether's {@code server} setting */
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + port();
    }

    /** @return how many client connections were accepted so far */
    public int connectionsAccepted() {
        return connections.size();
    }

    /**
     * @param number 1 for the first connection accepted
     * @return that connection, once accepted
     * @throws AssertionError when it is not accepted within {@code timeout}
     */
    public ScriptedConnection awaitConnection(int number, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connections) {
            while (connections.size() < number) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the broker accepted " + connections.size() + " connection(s) within "
                        + timeout.toMillis() + " ms, not " + number);
                }
                TimeUnit.NANOSECONDS.timedWait(connections, left);
            }
            return connections.get(number - 1);
        }
    }

    /** @return the connection accepted {@code number}th; it must have been accepted */
    public ScriptedConnection connection(int number) {
        return connections.get(number - 1);
    }

    /** @return every packet received on every connection, connection by connection */
    public List<Packet> received() {
        List<Packet> all = new ArrayList<>();
        connections.forEach(connection -> all.addAll(connection.received()));
        return all;
    }

    /** @return how many packets of this type arrived over all connections */
    public long count(Class<? extends Packet> type) {
        return received().stream().filter(type::isInstance).count();
    }

    private void accept() {
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            ScriptedConnection connection = highest == null
                ? new ScriptedConnection(connections.size() + 1, socket, () -> closing)
                : new ScriptedConnection(connections.size() + 1, socket, () -> closing, highest);
            Thread thread = new Thread(() -> connection.run(script),
                "scripted-broker-" + port() + "-connection-" + connection.number());
            thread.setDaemon(true);
            connection.runsOn(thread);
            synchronized (connections) {
                connections.add(connection);
                connections.notifyAll();
            }
            thread.start();
        }
    }

    /**
     * Stops listening and closes every connection.
     *
     * @throws AssertionError when a script failed before (an expectation unmet, a timeout)
     */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing more to free
        }
        acceptor.join(JOIN_TIMEOUT.toMillis());
        for (ScriptedConnection connection : connections) {
            connection.close();
        }
        List<String> failures = new ArrayList<>();
        for (ScriptedConnection connection : connections) {
            connection.join(JOIN_TIMEOUT);
            connection.failure().ifPresent(failure -> failures.add("connection " + connection.number() + ": "
                + failure));
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("the broker's script failed: " + failures);
            connections.forEach(connection -> connection.failure().ifPresent(error::addSuppressed));
            throw error;
        }
    }
}
