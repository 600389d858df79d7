package dev.tether.mqtt.internal.transport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a cipher suite list as a Mongoose OS user writes it: IANA/JSSE names
 * ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}), mbedTLS names
 * ({@code TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256}) or OpenSSL names ({@code ECDHE-RSA-AES128-GCM-SHA256}),
 * separated by ':', ',' or spaces, and turns them into IANA names.
 */
public final class CipherSuiteNames {

    private static final Map<String, String> KEY_EXCHANGE_WITH_AUTHENTICATION = Map.of(
        "ECDHE", "ECDHE", "DHE", "DHE", "EDH", "DHE", "ECDH", "ECDH", "DH", "DH", "RSA", "RSA");
    private static final Set<String> AUTHENTICATIONS = Set.of("RSA", "ECDSA", "DSS", "PSK");

    private CipherSuiteNames() {
    }

    /**
     * @param text      the configured list
     * @param supported the IANA names that may be used
     * @return the IANA names, in the order given, without duplicates
     * @throws IllegalArgumentException naming every unknown or unsupported suite and listing the supported ones
     */
    public static List<String> resolve(String text, Collection<String> supported) {
        Set<String> resolved = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : text.trim().split("[:,\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            String iana = toIana(name);
            if (iana != null && supported.contains(iana)) {
                resolved.add(iana);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown or unsupported cipher suite "
                : "unknown or unsupported cipher suites ") + String.join(", ", unknown) + "; supported: "
                + String.join(", ", supported));
        }
        if (resolved.isEmpty()) {
            throw new IllegalArgumentException("names no cipher suite");
        }
        return List.copyOf(resolved);
    }

    /** @return the IANA name for an IANA, mbedTLS or OpenSSL name, or null if it cannot be one */
    static String toIana(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("TLS_") || upper.startsWith("SSL_")) {
            return upper;
        }
        if (upper.startsWith("TLS-")) {
            return upper.replace('-', '_');
        }
        if (upper.startsWith("TLS1-3-")) {
            // mbedTLS 3 spells the TLS 1.3 suites TLS1-3-AES-128-GCM-SHA256
            return "TLS_" + upper.substring("TLS1-3-".length()).replace('-', '_');
        }
        return fromOpenSsl(upper.split("-"));
    }

    /** OpenSSL's names: [KEY_EXCHANGE-[AUTHENTICATION-]]CIPHER[-MODE][-MAC], RSA key exchange when none is given. */
    private static String fromOpenSsl(String[] tokens) {
        int at = 0;
        String keyExchange = "RSA";
        if (tokens[0].equals("PSK")) {
            keyExchange = "PSK";
            at = 1;
        } else if (KEY_EXCHANGE_WITH_AUTHENTICATION.containsKey(tokens[0]) && tokens.length > 1
                && AUTHENTICATIONS.contains(tokens[1])) {
            keyExchange = KEY_EXCHANGE_WITH_AUTHENTICATION.get(tokens[0]) + "_" + tokens[1];
            at = 2;
        }
        if (at >= tokens.length) {
            return null;
        }
        String cipher = tokens[at++];
        if (cipher.equals("CHACHA20") && at == tokens.length - 1 && tokens[at].equals("POLY1305")) {
            return "TLS_" + keyExchange + "_WITH_CHACHA20_POLY1305_SHA256";
        }
        if (cipher.equals("DES") && at + 1 < tokens.length && tokens[at].equals("CBC3")) {
            cipher = "3DES_EDE";
            at++;
        } else {
            cipher = cipher.replaceFirst("^(AES|CAMELLIA|ARIA)(\\d+)$", "$1_$2");
            if (!cipher.contains("_")) {
                return null;
            }
        }
        String mode = "CBC";
        if (at < tokens.length && Set.of("GCM", "CCM", "CCM8", "CBC").contains(tokens[at])) {
            mode = tokens[at++].replace("CCM8", "CCM_8");
        }
        String mac = at < tokens.length ? tokens[at++] : "";
        if (at != tokens.length || !(mac.isEmpty() || mac.matches("SHA(256|384)?"))) {
            return null;
        }
        return "TLS_" + keyExchange + "_WITH_" + cipher + "_" + mode + (mac.isEmpty() ? "" : "_" + mac);
    }
}
