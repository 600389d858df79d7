package dev.tether.mqtt.internal.connection;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import dev.tether.mqtt.internal.codec.MalformedPacketException;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ProtocolChoice;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.config.TlsSettings;
import dev.tether.mqtt.internal.session.ConnectionRefusedException;
import dev.tether.mqtt.internal.session.KeepAliveTimeoutException;
import dev.tether.mqtt.internal.session.ServerDisconnectException;
import dev.tether.mqtt.internal.transport.ConnectFailures;
import dev.tether.mqtt.internal.transport.TransportException;

/** Turns why a connection failed or ended into one line an operator can act on; never a secret. */
final class FailureText {

    private FailureText() {
    }

    /** @return whether the broker refused the client's credentials or identity (CONNACK 2, 4 or 5; MQTT 5's) */
    static boolean refusesCredentials(Throwable error) {
        return error instanceof ConnectionRefusedException refused && refused.refusesCredentials();
    }

    /** @return the reason, for the server of this attempt or connection */
    static String describe(Throwable error, ConnectionSettings settings, ServerAddress server) {
        if (settings.protocol() == ProtocolChoice.MQTT_5 && ProtocolFallback.refusesVersion(error)) {
            return "the broker does not speak MQTT 5 (" + error.getMessage() + "); protocol_version=5 allows no"
                + " other version: set protocol_version to auto or 3.1.1";
        }
        if (error instanceof TransportException || error instanceof KeepAliveTimeoutException
                || error instanceof AckTimeoutException || error instanceof ServerDisconnectException) {
            return error.getMessage();
        }
        if (error instanceof ConnectionRefusedException refused) {
            return refused.refusesCredentials()
                ? "the broker refused the client: " + error.getMessage() + "; check user, pass and client_id."
                    + " Retried every reconnect_timeout_max seconds"
                : "the broker refused the connection: " + error.getMessage();
        }
        if (error instanceof MalformedPacketException) {
            return "the broker broke the MQTT protocol: " + error.getMessage();
        }
        String trusted = settings.security() instanceof TlsSettings tls && tls.caFile().isPresent()
            ? "ssl_ca_cert '" + tls.caFile().get() + "'" : "the Java runtime's trust store (ssl_ca_cert=system)";
        return ConnectFailures.describe(error, server.host(), trusted).orElseGet(() -> network(error, server));
    }

    private static String network(Throwable error, ServerAddress server) {
        if (error instanceof ConnectException) {
            return "connection refused: nothing accepts connections on " + server.authority() + " ("
                + error.getMessage() + ")";
        }
        if (error instanceof UnknownHostException) {
            return "unknown host '" + server.host() + "'";
        }
        if (error instanceof NoRouteToHostException) {
            return "no route to " + server.host() + " (" + error.getMessage() + ")";
        }
        if (error instanceof SocketTimeoutException || error instanceof EOFException) {
            return String.valueOf(error.getMessage());
        }
        return describe(error);
    }

    /** @return the error's own message, with the cause it wraps */
    static String describe(Throwable error) {
        if (error == null) {
            return "unknown cause";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
            : error.getClass().getSimpleName() + ": " + error.getMessage();
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            String causeText = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return message + " (" + causeText + ")";
        }
        return message;
    }
}
