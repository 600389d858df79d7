package dev.tether.mqtt.internal.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered, without Nagle's algorithm. Paho reads each packet's fixed header a byte
 * at a time straight from the socket's stream, a system call per byte; through a buffer, one read serves many
 * packets. TLS sockets need no buffer: they decrypt whole records into a buffer of their own.
 */
public final class BufferedSocketFactory extends SocketFactory {

    /** One instance serves every connection: it holds no state. */
    public static final BufferedSocketFactory INSTANCE = new BufferedSocketFactory();

    static final int BUFFER_BYTES = 32 * 1024;

    private BufferedSocketFactory() {
    }

    @Override
    public Socket createSocket() throws IOException {
        return NoDelay.on(new BufferedSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), localAddress, localPort);
    }

    private static Socket connected(InetSocketAddress remote, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = new BufferedSocket();
        try {
            NoDelay.on(socket);
            if (localAddress != null || localPort != 0) {
                socket.bind(new InetSocketAddress(localAddress, localPort));
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A socket that hands out one buffered input stream; everything else is the plain socket's. */
    private static final class BufferedSocket extends Socket {

        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES);
            }
            return input;
        }
    }
}
