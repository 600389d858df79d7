package dev.tether.mqtt.internal.metrics;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import dev.tether.mqtt.internal.codec.MalformedPacketException;
import dev.tether.mqtt.internal.session.ConnectionRefusedException;
import dev.tether.mqtt.internal.transport.HandshakeFailedException;

/** Why an attempt failed, in the few kinds an operator counts (see {@code ConnectionMetrics.failedAttempts()}). */
public enum FailureCause {
    REFUSED, UNREACHABLE, TIMEOUT, TLS, PROTOCOL, CLOSED, OTHER;

    /** @return the name the metrics show: {@code refused}, {@code unreachable}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the kind of the failure, looking through the causes it wraps */
    public static FailureCause of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            FailureCause kind = direct(cause);
            if (kind != OTHER) {
                return kind;
            }
        }
        return OTHER;
    }

    private static FailureCause direct(Throwable cause) {
        if (cause instanceof ConnectionRefusedException) {
            return REFUSED;
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return UNREACHABLE;
        }
        if (cause instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        if (cause instanceof SSLException || cause instanceof HandshakeFailedException) {
            return TLS;
        }
        if (cause instanceof MalformedPacketException) {
            return PROTOCOL;
        }
        if (cause instanceof EOFException) {
            return CLOSED;
        }
        return OTHER;
    }
}
