package dev.tether.mqtt.internal.transport;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

/**
 * Turns the exceptions of a failed TLS connection, with their causes, into a reason an operator can
 * act on: untrusted or expired server certificate, host name mismatch, rejected client certificate,
 * no common cipher suite, rejected pre-shared key.
 */
public final class ConnectFailures {

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private ConnectFailures() {
    }

    /**
     * @param error   the failure, with its causes
     * @param host    the host connected to
     * @param trusted what the CAs trusted came from, for example {@code ssl_ca_cert '/etc/ca.pem'}
     * @return the reason, if the failure is one of TLS
     */
    public static Optional<String> describe(Throwable error, String host, String trusted) {
        List<Throwable> chain = chain(error);
        for (Throwable cause : chain) {
            if (cause instanceof HandshakeFailedException) {
                return Optional.of(cause.getMessage());
            }
            if (cause instanceof CertificateExpiredException) {
                return Optional.of("the server's certificate has expired (" + cause.getMessage() + ")");
            }
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof CertificateException
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
                return Optional.of("the server's certificate does not match the host name '" + host + "' ("
                    + message + ")");
            }
            if (cause instanceof CertificateNotYetValidException) {
                return Optional.of("the server's certificate is not valid yet (" + cause.getMessage()
                    + "); is the system clock set? (require_time)");
            }
        }
        for (Throwable cause : chain) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("unable to find valid certification path")) {
                return Optional.of("the server's certificate is not signed by a CA in " + trusted);
            }
            if (cause instanceof CertPathValidatorException) {
                return Optional.of("the server's certificate chain is not valid (" + message + ")");
            }
            Matcher alert = ALERT.matcher(message);
            if (cause instanceof SSLException && alert.find()) {
                return Optional.of(describeAlert(alert.group(1)));
            }
            if (cause instanceof SSLException) {
                return Optional.of("TLS handshake failed (" + message + "); is the port a TLS listener?");
            }
        }
        return Optional.empty();
    }

    private static String describeAlert(String alert) {
        return switch (alert) {
            case "certificate_required", "bad_certificate", "unknown_ca", "certificate_unknown", "access_denied",
                "certificate_expired", "certificate_revoked", "unsupported_certificate" ->
                "the broker rejected the TLS handshake (" + alert + "): it wants a client certificate it trusts"
                    + " (ssl_cert, ssl_key)";
            case "handshake_failure", "insufficient_security", "protocol_version" ->
                "the broker rejected the TLS handshake (" + alert + "): no cipher suite or TLS version in common"
                    + " (ssl_cipher_suites)";
            default -> "the broker ended the TLS handshake (" + alert + ")";
        };
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
