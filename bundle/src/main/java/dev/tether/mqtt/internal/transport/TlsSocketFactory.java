package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets that offer only the configured cipher suites and check the server's host name the way
 * HTTPS does.
 */
final class TlsSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final List<String> cipherSuites;

    TlsSocketFactory(SSLSocketFactory delegate, List<String> cipherSuites) {
        this.delegate = delegate;
        this.cipherSuites = List.copyOf(cipherSuites);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return cipherSuites.isEmpty() ? delegate.getDefaultCipherSuites() : cipherSuites.toArray(String[]::new);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return configure(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }

    private Socket configure(Socket socket) throws IOException {
        SSLSocket tls = (SSLSocket) NoDelay.on(socket);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!cipherSuites.isEmpty()) {
            parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
        }
        tls.setSSLParameters(parameters);
        return tls;
    }
}
