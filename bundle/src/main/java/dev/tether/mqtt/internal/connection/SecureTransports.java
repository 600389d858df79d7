package dev.tether.mqtt.internal.connection;

import java.time.Clock;
import java.util.HexFormat;

import javax.net.SocketFactory;

import dev.tether.mqtt.internal.config.PskSettings;
import dev.tether.mqtt.internal.config.Security;
import dev.tether.mqtt.internal.config.TlsSettings;
import dev.tether.mqtt.internal.transport.BufferedSocketFactory;
import dev.tether.mqtt.internal.transport.PskSocketFactory;
import dev.tether.mqtt.internal.transport.TlsContexts;
import dev.tether.mqtt.internal.transport.TransportException;

/** The socket factory of one connection attempt, built fresh from the configured security. */
final class SecureTransports {

    private SecureTransports() {
    }

    /** @return the factory to hand Paho: TLS, TLS-PSK, or plain TCP and WebSocket with buffered input */
    static SocketFactory socketFactory(Security security, Clock clock) throws TransportException {
        if (security instanceof TlsSettings tls) {
            return TlsContexts.socketFactory(tls.caFile(), tls.clientCert(), tls.clientKey(),
                tls.keyPassword().reveal(), tls.cipherSuites(), clock);
        }
        if (security instanceof PskSettings psk) {
            return new PskSocketFactory(psk.identity(), HexFormat.of().parseHex(new String(psk.key().reveal())),
                psk.cipherSuites());
        }
        return BufferedSocketFactory.INSTANCE;
    }
}
