package dev.tether.mqtt.internal.connection;

import java.net.URI;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import javax.net.SocketFactory;

import dev.tether.mqtt.internal.config.PskSettings;
import dev.tether.mqtt.internal.config.Security;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.config.TlsSettings;
import dev.tether.mqtt.internal.session.TransportOpener;
import dev.tether.mqtt.internal.transport.PskSocketFactory;
import dev.tether.mqtt.internal.transport.SocketTransport;
import dev.tether.mqtt.internal.transport.TlsContexts;
import dev.tether.mqtt.internal.transport.TransportException;
import dev.tether.mqtt.internal.transport.WebSocketClients;
import dev.tether.mqtt.internal.transport.WebSocketTls;
import dev.tether.mqtt.internal.transport.WebSocketTransport;

/**
 * How each configured transport is opened: TCP, TLS, TLS-PSK, WebSocket or secure WebSocket. The TLS material is
 * read from its files again at every attempt, so replaced files take effect at the next one.
 */
final class SecureTransports {

    private SecureTransports() {
    }

    /** @return what opens one attempt's network connection to {@code server} */
    static TransportOpener opener(ServerAddress server, Security security, Clock clock,
            WebSocketClients webSocketClients) {
        return timeout -> {
            if (server.scheme().webSocket()) {
                Optional<WebSocketTls> tls = Optional.empty();
                if (security instanceof TlsSettings secure) {
                    tls = Optional.of(WebSocketTls.of(secure.caFile(), secure.clientCert(), secure.clientKey(),
                        secure.keyPassword().reveal(), secure.cipherSuites(), clock));
                }
                return WebSocketTransport.open(URI.create(server.uri()), tls, timeout, webSocketClients);
            }
            if (security instanceof TlsSettings tls) {
                return SocketTransport.tls(server.host(), server.port(), TlsContexts.socketFactory(tls.caFile(),
                    tls.clientCert(), tls.clientKey(), tls.keyPassword().reveal(), tls.cipherSuites(), clock),
                    timeout);
            }
            if (security instanceof PskSettings psk) {
                return SocketTransport.psk(server.host(), server.port(), pskFactory(psk), timeout);
            }
            return SocketTransport.tcp(server.host(), server.port(), timeout);
        };
    }

    /** @return sockets for a reachability check of the server: TLS, TLS-PSK or plain TCP */
    static SocketFactory socketFactory(Security security, Clock clock) throws TransportException {
        if (security instanceof TlsSettings tls) {
            return TlsContexts.socketFactory(tls.caFile(), tls.clientCert(), tls.clientKey(),
                tls.keyPassword().reveal(), tls.cipherSuites(), clock);
        }
        if (security instanceof PskSettings psk) {
            return pskFactory(psk);
        }
        return SocketFactory.getDefault();
    }

    private static PskSocketFactory pskFactory(PskSettings psk) {
        return new PskSocketFactory(psk.identity(), HexFormat.of().parseHex(new String(psk.key().reveal())),
            psk.cipherSuites());
    }
}
