package dev.tether.mqtt.internal.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A TCP socket that runs a TLS-PSK handshake (BouncyCastle) as soon as it is connected, so that whoever
 * reads and writes it gets the decrypted streams. The handshake is bounded by the timeout given to
 * {@code connect}.
 */
final class PskSocket extends java.net.Socket {

    private static final int DEFAULT_HANDSHAKE_MILLIS = 30_000;

    private final String identity;
    private final byte[] key;
    private final List<String> suites;
    private volatile TlsClientProtocol protocol;

    PskSocket(String identity, byte[] key, List<String> suites) {
        this.identity = identity;
        this.key = key;
        this.suites = suites;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(endpoint, timeout);
        int idleTimeout = getSoTimeout();
        setSoTimeout(timeout > 0 ? timeout : DEFAULT_HANDSHAKE_MILLIS);
        TlsClientProtocol handshake = new TlsClientProtocol(super.getInputStream(), super.getOutputStream());
        try {
            handshake.connect(new PskClient(new BcTlsCrypto(new SecureRandom()), identity, key, suites));
        } catch (IOException e) {
            super.close();
            throw failure(endpoint, e);
        }
        setSoTimeout(idleTimeout);
        protocol = handshake;
    }

    private HandshakeFailedException failure(SocketAddress endpoint, IOException e) {
        String prefix = "TLS-PSK handshake with " + endpoint + " failed: ";
        String check = "check ssl_psk_identity '" + identity + "' and ssl_psk_key";
        if (e instanceof TlsFatalAlertReceived received) {
            return new HandshakeFailedException(prefix + describeAlert(received.getAlertDescription(), check), e);
        }
        if (e instanceof TlsFatalAlert raised) {
            return new HandshakeFailedException(prefix + "the broker's answer did not verify ("
                + AlertDescription.getText(raised.getAlertDescription()) + "); " + check, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new HandshakeFailedException(prefix + "no answer within " + getTimeoutText(), e);
        }
        if (e instanceof EOFException || e instanceof SocketException) {
            return new HandshakeFailedException(prefix + "the broker closed the connection (" + e.getMessage()
                + "); is the port a TLS-PSK listener? " + check, e);
        }
        return new HandshakeFailedException(prefix + e, e);
    }

    private static String describeAlert(short alert, String check) {
        String name = AlertDescription.getText(alert);
        return switch (alert) {
            // OpenSSL answers an unknown identity with handshake_failure too
            case AlertDescription.handshake_failure -> "the broker does not know the identity, or found no cipher"
                + " suite in common (" + name + "); " + check + ", and ssl_cipher_suites";
            case AlertDescription.insufficient_security, AlertDescription.protocol_version ->
                "the broker found no cipher suite or TLS version in common (" + name + "); check ssl_cipher_suites";
            default -> "the broker rejected the pre-shared key (" + name + "); " + check;
        };
    }

    private String getTimeoutText() {
        try {
            return getSoTimeout() + " ms";
        } catch (SocketException e) {
            return "the connect timeout";
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return handshaken().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return handshaken().getOutputStream();
    }

    private TlsClientProtocol handshaken() throws SocketException {
        TlsClientProtocol current = protocol;
        if (current == null) {
            throw new SocketException("the TLS-PSK handshake has not completed");
        }
        return current;
    }

    @Override
    public synchronized void close() throws IOException {
        TlsClientProtocol current = protocol;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // the socket is closed below either way
            }
        }
        super.close();
    }
}
