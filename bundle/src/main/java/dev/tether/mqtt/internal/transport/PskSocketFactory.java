package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import javax.net.SocketFactory;

/**
 * Makes TLS-PSK sockets, which run their handshake when they connect. A plain {@link SocketFactory}, so that
 * the reachability check of a primary server opens them like any other. Needs BouncyCastle: only create one
 * after {@link BouncyCastle#tlsAvailable()}.
 */
public final class PskSocketFactory extends SocketFactory {

    private final String identity;
    private final byte[] key;
    private final List<String> suites;

    public PskSocketFactory(String identity, byte[] key, List<String> suites) {
        this.identity = identity;
        this.key = key.clone();
        this.suites = List.copyOf(suites);
    }

    @Override
    public Socket createSocket() throws IOException {
        return NoDelay.on(new PskSocket(identity, key, suites));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        return connected(address, null);
    }

    private Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(address, 0);
        return socket;
    }
}
