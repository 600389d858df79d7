package dev.tether.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on the loopback interface between one MQTT client and the broker that counts, packet by packet, what
 * each side writes ({@link MqttFramer}): the exact MQTT bytes of a connection, whatever the client's writes and the
 * TCP segments were. It forwards every byte unchanged, as soon as read, with Nagle off both ways. Accepts any number
 * of connections one after the other; the counts are of all of them.
 */
public final class CountingProxy implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final MqttFramer upstream = new MqttFramer();
    private final MqttFramer downstream = new MqttFramer();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private volatile boolean closed;

    /** Listens on a free loopback port at once; connections to it go on to {@code targetHost:targetPort}. */
    public CountingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptAll, "bench-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port clients connect to */
    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** @return what clients wrote towards the broker */
    public MqttFramer.Snapshot fromClient() {
        synchronized (upstream) {
            return upstream.snapshot();
        }
    }

    /** @return what the broker wrote towards clients */
    public MqttFramer.Snapshot fromBroker() {
        synchronized (downstream) {
            return downstream.snapshot();
        }
    }

    /**
     * Waits until every connection so far was closed by its client (or the broker) and the proxy read it to its end,
     * so the counts hold all the client wrote.
     *
     * @return false when one is still open after {@code timeout}
     */
    public boolean awaitClientsGone(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> all;
        synchronized (sockets) {
            all = List.copyOf(pumps);
        }
        for (Thread pump : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                pump.join(Math.max(1, left / 1_000_000));
            }
            if (pump.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private void acceptAll() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(targetHost, targetPort), 5000);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(broker);
                    pumps.add(pump(client, broker, upstream, "bench-proxy-up"));
                    pumps.add(pump(broker, client, downstream, "bench-proxy-down"));
                }
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[bench] counting proxy: " + e);
                }
            }
        }
    }

    private static Thread pump(Socket from, Socket to, MqttFramer framer, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    // counted before it is forwarded: once the other side has it, the count has it
                    synchronized (framer) {
                        framer.accept(buffer, 0, read);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException e) {
                // the other side closed
            } catch (IOException e) {
                System.err.println("[bench] counting proxy " + name + ": " + e);
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        synchronized (sockets) {
            sockets.forEach(CountingProxy::closeQuietly);
        }
        try {
            acceptor.join(2000);
            List<Thread> all;
            synchronized (sockets) {
                all = List.copyOf(pumps);
            }
            for (Thread pump : all) {
                pump.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
