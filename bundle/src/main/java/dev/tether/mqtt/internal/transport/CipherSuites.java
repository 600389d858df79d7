package dev.tether.mqtt.internal.transport;

import java.security.NoSuchAlgorithmException;
import java.util.List;

import javax.net.ssl.SSLContext;

/** The cipher suites each kind of TLS can offer. */
public final class CipherSuites {

    /**
     * The suites Tether's TLS-PSK client can offer: TLS 1.3 with an external PSK (SHA-256), and the
     * TLS 1.2 PSK suites a broker with OpenSSL or mbedTLS is likely to accept.
     */
    public static final List<String> PSK_SUPPORTED = List.of(
        "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256",
        "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384",
        "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_256_GCM_SHA384", "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_PSK_WITH_AES_128_CCM", "TLS_PSK_WITH_AES_256_CCM", "TLS_PSK_WITH_AES_128_CCM_8",
        "TLS_PSK_WITH_AES_256_CCM_8", "TLS_PSK_WITH_AES_128_CBC_SHA256", "TLS_PSK_WITH_AES_256_CBC_SHA384",
        "TLS_PSK_WITH_AES_128_CBC_SHA", "TLS_PSK_WITH_AES_256_CBC_SHA");

    /**
     * What Tether offers for TLS-PSK unless told otherwise: TLS 1.3 first, then forward-secret and AEAD
     * suites. No DHE: a 3072-bit DH exchange costs a small gateway too much per connection.
     */
    public static final List<String> PSK_DEFAULT = List.of(
        "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
        "TLS_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_256_GCM_SHA384", "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_AES_128_CBC_SHA256");

    private CipherSuites() {
    }

    /** @return the suites the Java runtime's TLS supports, for certificate-based TLS */
    public static List<String> jsseSupported() {
        try {
            return List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no TLS", e);
        }
    }

    /** @return whether a suite is a TLS 1.3 one (no key exchange in its name) */
    static boolean isTls13(String suite) {
        return !suite.contains("_WITH_");
    }
}
