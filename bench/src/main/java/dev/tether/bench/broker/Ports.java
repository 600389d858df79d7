package dev.tether.bench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Free loopback ports, and waiting for a port to open or close. */
public final class Ports {

    /** Probe interval while waiting for a port: short, since "the broker is back" is timed from it. */
    private static final long PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Ports() {
    }

    /** @return a port nothing listens on right now */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return nanoTime of the first accepted connection */
    static long awaitOpen(String host, int port, Duration timeout, Process process) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (accepts(host, port)) {
                return System.nanoTime();
            }
            if (process != null && !process.isAlive()) {
                throw new IOException("the broker exited with status " + process.exitValue() + " before port "
                    + port + " opened");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("port " + port + " did not open within " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(PROBE_NANOS);
        }
    }

    static void awaitClosed(String host, int port, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepts(host, port)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("port " + port + " still accepts connections after " + timeout.toMillis()
                    + " ms");
            }
            LockSupport.parkNanos(PROBE_NANOS);
        }
    }
}
