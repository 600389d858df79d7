package dev.tether.mqtt.internal.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLException;

/**
 * Turns the exception a JDK WebSocket failed to open with into one that says what went wrong, keeping the JDK's as
 * the cause (so {@link ConnectFailures#describe} still finds a certificate problem in the chain).
 */
final class OpeningFailures {

    private OpeningFailures() {
    }

    static IOException describe(Throwable failure, URI uri, Duration timeout) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException handshake) {
            return upgradeRefused(handshake, uri);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(uri, timeout, cause);
        }
        if (inChain(cause, UnresolvedAddressException.class)) {
            UnknownHostException unknown = new UnknownHostException("cannot connect to " + uri + ": unknown host "
                + uri.getHost());
            unknown.initCause(cause);
            return unknown;
        }
        if (cause instanceof ConnectException) {
            ConnectException refused = new ConnectException("cannot connect to " + uri + ": "
                + firstMessage(cause).orElse("connection refused"));
            refused.initCause(cause);
            return refused;
        }
        if (cause instanceof SSLException) {
            return new IOException("the TLS handshake with " + uri + " failed: " + reason(cause), cause);
        }
        if ("wss".equalsIgnoreCase(uri.getScheme()) && resetByPeer(cause)) {
            // under TLS 1.3 the client's handshake ends before the server has judged its certificate: the server's
            // refusal then often arrives as a reset, before the JDK reads the alert that would name it
            return new IOException("the server at " + uri + " reset the TLS connection without answering the"
                + " WebSocket upgrade; a broker that wants a client certificate it trusts (ssl_cert, ssl_key) does"
                + " this with TLS 1.3", cause);
        }
        if (inChain(cause, EOFException.class)) {
            // Moquette does this for a wrong path; a plain MQTT port does it too
            return new IOException("the server at " + uri + " closed the connection without answering the WebSocket"
                + " upgrade of path " + path(uri) + "; check the path (ws_path or the server URI's path) and that the"
                + " port is a WebSocket listener", cause);
        }
        return new IOException("cannot open a WebSocket to " + uri + ": " + reason(cause), cause);
    }

    private static boolean resetByPeer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException && String.valueOf(cause.getMessage()).contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    static SocketTimeoutException timedOut(URI uri, Duration timeout, Throwable cause) {
        SocketTimeoutException timedOut = new SocketTimeoutException("no WebSocket connection to " + uri + " within "
            + timeout.toMillis() + " ms (TCP, TLS and HTTP upgrade)");
        timedOut.initCause(cause);
        return timedOut;
    }

    static String noMqttSubprotocol(URI uri) {
        return "the server at " + uri + " accepted the WebSocket upgrade without the subprotocol '"
            + WebSocketTransport.SUBPROTOCOL + "' [MQTT-6.0.0-4]; is the path (" + path(uri)
            + ") that of an MQTT WebSocket listener?";
    }

    private static IOException upgradeRefused(WebSocketHandshakeException handshake, URI uri) {
        int status = handshake.getResponse().statusCode();
        if (status != 101) {
            String hint = status == 404 ? "; check the path (ws_path or the server URI's path)"
                : status >= 300 && status < 400 ? "; redirects are not followed" : "";
            return new IOException("the server at " + uri + " answered the WebSocket upgrade of path " + path(uri)
                + " with HTTP " + status + " instead of 101" + hint, handshake);
        }
        Throwable check = handshake.getCause() == null ? handshake : handshake.getCause();
        return new IOException("the server at " + uri + " answered the WebSocket upgrade of path " + path(uri)
            + " with an invalid response: " + reason(check), handshake);
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return "'" + (path == null || path.isEmpty() ? "/" : path) + "'";
    }

    /** @return the first message in the chain: the JDK's own ConnectException has none, its cause has */
    private static Optional<String> firstMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null) {
                return Optional.of(cause.getMessage());
            }
        }
        return Optional.empty();
    }

    private static boolean inChain(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String reason(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
