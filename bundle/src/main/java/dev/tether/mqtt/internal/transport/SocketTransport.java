package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * MQTT over a socket: plain TCP, TLS, or TLS-PSK (whose socket runs its handshake when it connects). Reads are
 * blocking and unbounded once connected: the engine's keep-alive decides when a silent broker is gone.
 */
public final class SocketTransport implements Transport {

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;

    private SocketTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
    }

    /** Opens plain TCP, without Nagle's algorithm: the engine writes whole batches of packets. */
    public static SocketTransport tcp(String host, int port, Duration timeout) throws IOException {
        return connected(NoDelay.on(new Socket()), host, port, timeout);
    }

    /**
     * Opens TCP, then runs the TLS handshake on it within what is left of the timeout. The factory checks the
     * server's host name and offers the configured suites ({@link TlsContexts#socketFactory}).
     */
    public static SocketTransport tls(String host, int port, SSLSocketFactory factory, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket plain = NoDelay.on(new Socket());
        try {
            connect(plain, host, port, timeout);
            SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
            tls.setSoTimeout(remainingMillis(deadline));
            tls.startHandshake();
            tls.setSoTimeout(0);
            return new SocketTransport(tls);
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    /** Opens TCP and runs the TLS-PSK handshake (BouncyCastle), within the timeout. */
    public static SocketTransport psk(String host, int port, PskSocketFactory factory, Duration timeout)
            throws IOException {
        return connected(factory.createSocket(), host, port, timeout);
    }

    private static SocketTransport connected(Socket socket, String host, int port, Duration timeout)
            throws IOException {
        try {
            connect(socket, host, port, timeout);
            return new SocketTransport(socket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static void connect(Socket socket, String host, int port, Duration timeout) throws IOException {
        socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE,
            timeout.toMillis())));
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("connect timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to free
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }
}
