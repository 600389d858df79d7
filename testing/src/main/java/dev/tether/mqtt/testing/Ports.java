package dev.tether.mqtt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Free ports on 127.0.0.1, and waiting until something listens on one (or stops listening). */
public final class Ports {

    /** 127.0.0.1, never {@code ::1}: the brokers here listen on IPv4 loopback. */
    static final InetAddress LOOPBACK = loopback();

    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    /** Short: the benchmark times "the broker is back" from {@link #awaitOpen}. A refused probe costs microseconds. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Ports() {
    }

    /** @return a port on 127.0.0.1 that was free a moment ago */
    public static int free() {
        return free(1)[0];
    }

    /**
     * @param count how many ports
     * @return {@code count} distinct ports on 127.0.0.1 that were free a moment ago; the probe sockets stay open
     *         until all are chosen so that the system cannot hand out the same port twice
     */
    public static int[] free(int count) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                probes.add(new ServerSocket(0, 1, LOOPBACK));
            }
            return probes.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            probes.forEach(Ports::closeQuietly);
        }
    }

    /** @return whether a TCP connection to 127.0.0.1:{@code port} is accepted now */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls until 127.0.0.1:{@code port} accepts TCP connections.
     *
     * @return {@link System#nanoTime()} when it first accepted one (to within 2 ms, the polling interval)
     * @throws IOException if it does not within {@code timeout}
     */
    public static long awaitOpen(int port, Duration timeout) throws IOException {
        return awaitOpen(port, timeout, () -> null);
    }

    /**
     * Polls until 127.0.0.1:{@code port} accepts TCP connections, or the process that is to open it exits.
     *
     * @param owner the process that opens the port
     * @return {@link System#nanoTime()} when it first accepted one (to within 2 ms, the polling interval)
     * @throws IOException if {@code owner} exits first, with its exit status, or the port does not open within
     *                     {@code timeout}
     */
    public static long awaitOpen(int port, Duration timeout, Process owner) throws IOException {
        Objects.requireNonNull(owner, "owner");
        return awaitOpen(port, timeout, () -> owner.isAlive() ? null
            : "the process that was to listen on 127.0.0.1:" + port + " exited with status " + owner.exitValue());
    }

    private static long awaitOpen(int port, Duration timeout, Supplier<String> giveUp) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(port)) {
            String reason = giveUp.get();
            if (reason != null) {
                throw new IOException(reason);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return System.nanoTime();
    }

    /**
     * Polls until 127.0.0.1:{@code port} refuses TCP connections.
     *
     * @throws IOException if it still accepts them after {@code timeout}
     */
    public static void awaitClosed(int port, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepts(port)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("127.0.0.1:" + port + " still accepts connections after " + timeout.toMillis()
                    + " ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // a probe socket; nothing depends on it closing cleanly
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a four-byte address is always valid", e);
        }
    }
}
