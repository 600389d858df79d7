package dev.tether.mqtt.internal.config;

import static dev.tether.mqtt.internal.metatype.SettingsCatalog.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.tether.mqtt.internal.metatype.Property;

import dev.tether.mqtt.internal.transport.BouncyCastle;
import dev.tether.mqtt.internal.transport.CipherSuiteNames;
import dev.tether.mqtt.internal.transport.CipherSuites;

/**
 * Reads how to reach the broker: the server, TLS with certificates, TLS-PSK and WebSocket, and checks
 * that they fit together. Every contradiction is a problem naming the property to change.
 */
final class TransportParser {

    /** The {@code ssl_ca_cert} value that trusts the Java runtime's default CAs. */
    static final String SYSTEM_TRUST = "system";
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})+");

    /** Where to connect and how; server and security null when the configuration has problems. */
    record Transport(ServerAddress server, Optional<ServerAddress> backupServer, Security security) {
    }

    private TransportParser() {
    }

    static Transport parse(PropertyReader reader) {
        int problemsBefore = reader.problems().size();
        ServerAddress.Written written = written(reader, SERVER);
        String backupText = reader.string(BACKUP_SERVER);
        ServerAddress.Written backupWritten = backupText.isBlank() ? null : written(reader, BACKUP_SERVER);
        String ca = reader.string(SSL_CA_CERT).trim();
        String pskIdentity = reader.string(SSL_PSK_IDENTITY).trim();
        boolean certificateTls = !ca.isEmpty();
        boolean psk = !pskIdentity.isEmpty();
        Secret pskKey = pskKey(reader, psk);
        if (psk && certificateTls) {
            reader.problem(SSL_PSK_IDENTITY,
                "TLS-PSK and certificate TLS (ssl_ca_cert) exclude each other; clear one");
        }
        if (psk && !BouncyCastle.tlsAvailable()) {
            reader.problem(SSL_PSK_IDENTITY, BouncyCastle.missing("TLS-PSK", "bcprov, bcutil and bctls"));
        }
        Optional<Path> clientCert = clientFiles(reader, certificateTls);
        List<String> suites = cipherSuites(reader, certificateTls, psk);
        boolean webSocket = reader.bool(WS_ENABLE);
        String wsPath = reader.string(WS_PATH).trim();
        if (!wsPath.startsWith("/")) {
            reader.problem(WS_PATH, "must start with '/'");
        } else if (!isUriPath(wsPath)) {
            reader.problem(WS_PATH, "is not a valid URI path (spaces and other special characters must be"
                + " %-encoded)");
        }
        ServerAddress server = written == null ? null
            : resolve(reader, SERVER, written, certificateTls || psk, webSocket, wsPath);
        // the backup shares the credentials and TLS settings, so it must use the same transport
        ServerAddress backup = backupWritten == null ? null
            : resolve(reader, BACKUP_SERVER, backupWritten, certificateTls || psk, webSocket, wsPath);
        if (server != null && psk && server.scheme().webSocket()) {
            reader.problem(SSL_PSK_IDENTITY, "TLS-PSK over WebSocket is not supported;"
                + " use HOST:PORT or ssl://HOST:PORT with ws_enable=false");
        }
        Optional<Path> caFile = certificateTls && !ca.equalsIgnoreCase(SYSTEM_TRUST) ? path(reader, SSL_CA_CERT)
            : Optional.empty();
        Optional<Path> clientKey = clientCert.isPresent() ? path(reader, SSL_KEY) : Optional.empty();
        if (reader.problems().size() > problemsBefore) {
            return new Transport(null, Optional.empty(), null);
        }
        Security security = Security.NONE;
        if (psk) {
            security = new PskSettings(pskIdentity, pskKey, suites.isEmpty() ? CipherSuites.PSK_DEFAULT : suites);
        } else if (certificateTls) {
            List<Path> files = new ArrayList<>();
            caFile.ifPresent(files::add);
            clientCert.ifPresent(files::add);
            clientKey.ifPresent(files::add);
            security = new TlsSettings(caFile, clientCert, clientKey, reader.secret(SSL_KEY_PASS), suites,
                FileFingerprint.of(files));
        }
        return new Transport(server, Optional.ofNullable(backup), security);
    }

    private static ServerAddress.Written written(PropertyReader reader, Property property) {
        try {
            return ServerAddress.parse(reader.string(property));
        } catch (IllegalArgumentException e) {
            reader.problem(property, e.getMessage());
            return null;
        }
    }

    /** @return whether the path fits into the WebSocket URI the engine opens */
    private static boolean isUriPath(String path) {
        try {
            URI uri = new URI("ws://host" + path);
            return uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Secret pskKey(PropertyReader reader, boolean psk) {
        Secret key = reader.secret(SSL_PSK_KEY);
        if (psk && key.isEmpty()) {
            reader.problem(SSL_PSK_KEY, "TLS-PSK needs the pre-shared key, in hexadecimal");
        } else if (!psk && !key.isEmpty()) {
            reader.problem(SSL_PSK_KEY, "a pre-shared key needs ssl_psk_identity");
        } else if (psk && !HEX.matcher(new String(key.reveal())).matches()) {
            reader.problem(SSL_PSK_KEY, "must be hexadecimal digits, an even number of them");
        }
        return key;
    }

    /** @return the client certificate, when mutual TLS is configured correctly */
    private static Optional<Path> clientFiles(PropertyReader reader, boolean certificateTls) {
        boolean cert = !reader.string(SSL_CERT).isBlank();
        boolean key = !reader.string(SSL_KEY).isBlank();
        if (cert && !key) {
            reader.problem(SSL_KEY, "mutual TLS needs the private key of ssl_cert");
        } else if (key && !cert) {
            reader.problem(SSL_CERT, "mutual TLS needs the certificate of ssl_key");
        } else if (cert && !certificateTls) {
            reader.problem(SSL_CERT, "mutual TLS needs TLS on: set ssl_ca_cert (a PEM file, or '" + SYSTEM_TRUST
                + "' for the Java runtime's CAs)");
        } else if (cert && !BouncyCastle.pkixAvailable()) {
            reader.problem(SSL_KEY, BouncyCastle.missing("Reading a PEM private key", "bcprov, bcutil and bcpkix"));
        }
        if (!key && !reader.secret(SSL_KEY_PASS).isEmpty()) {
            reader.problem(SSL_KEY_PASS, "there is no ssl_key to decrypt");
        }
        return cert && key && certificateTls ? path(reader, SSL_CERT) : Optional.empty();
    }

    private static List<String> cipherSuites(PropertyReader reader, boolean certificateTls, boolean psk) {
        String text = reader.string(SSL_CIPHER_SUITES);
        if (text.isBlank()) {
            return List.of();
        }
        if (!certificateTls && !psk) {
            reader.problem(SSL_CIPHER_SUITES, "applies to TLS only; set ssl_ca_cert or ssl_psk_identity");
            return List.of();
        }
        try {
            return CipherSuiteNames.resolve(text, psk ? CipherSuites.PSK_SUPPORTED : CipherSuites.jsseSupported());
        } catch (IllegalArgumentException e) {
            reader.problem(SSL_CIPHER_SUITES, e.getMessage());
            return List.of();
        }
    }

    private static ServerAddress resolve(PropertyReader reader, Property property, ServerAddress.Written written,
            boolean secure, boolean webSocket, String wsPath) {
        Optional<ServerAddress.Scheme> scheme = written.writtenScheme();
        if (scheme.isPresent()) {
            String prefix = scheme.get().name().toLowerCase(Locale.ROOT) + "://";
            if (scheme.get().secure() && !secure) {
                reader.problem(property, prefix + " is TLS: set ssl_ca_cert (a PEM file, or '" + SYSTEM_TRUST
                    + "' for the Java runtime's CAs) or ssl_psk_identity");
                return null;
            }
            if (!scheme.get().secure() && secure) {
                reader.problem(property, prefix + " is not TLS, but TLS is configured (ssl_ca_cert or ssl_psk_identity);"
                    + " use " + (scheme.get().webSocket() ? "wss://" : "ssl://") + "HOST:PORT or HOST:PORT");
                return null;
            }
            if (webSocket && !scheme.get().webSocket()) {
                reader.problem(WS_ENABLE, "is true, but " + property.id() + " " + prefix + "... is not WebSocket;"
                    + " use HOST:PORT or a ws:// or wss:// URI");
                return null;
            }
        }
        return written.resolve(secure, webSocket, wsPath);
    }

    private static Optional<Path> path(PropertyReader reader, Property property) {
        try {
            return Optional.of(Path.of(reader.string(property).trim()));
        } catch (InvalidPathException e) {
            reader.problem(property, "is not a valid file path (" + e.getReason() + ")");
            return Optional.empty();
        }
    }
}
