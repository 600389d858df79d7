package dev.tether.mqtt.internal.transport;

/**
 * Whether the optional BouncyCastle bundles are wired to this bundle. Plain TLS needs none of them;
 * client keys in PEM need bcprov, bcutil and bcpkix, TLS-PSK needs bcprov, bcutil and bctls.
 */
public final class BouncyCastle {

    private BouncyCastle() {
    }

    /** @return whether TLS-PSK can be used */
    public static boolean tlsAvailable() {
        return present("org.bouncycastle.tls.TlsClientProtocol")
            && present("org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto");
    }

    /** @return whether PEM private keys can be read */
    public static boolean pkixAvailable() {
        return present("org.bouncycastle.openssl.PEMParser")
            && present("org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter")
            && present("org.bouncycastle.jce.provider.BouncyCastleProvider");
    }

    /** @return what to install, for the error message */
    public static String missing(String feature, String bundles) {
        return feature + " needs the BouncyCastle bundles " + bundles + ", which are not installed (or were"
            + " installed after Tether: refresh the dev.tether.mqtt bundle)";
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, BouncyCastle.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
