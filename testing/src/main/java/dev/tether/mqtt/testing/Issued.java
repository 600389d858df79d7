package dev.tether.mqtt.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * A certificate a {@link TestPki} issued, with its private key: both as PEM files next to each other and as
 * Java objects. More forms of the key, the chain, and a PKCS#12 keystore are written on request.
 */
public final class Issued {

    /** The alias of the key entry in {@link #writePkcs12(char[])}'s keystore. */
    public static final String PKCS12_ALIAS = "server";

    private final String fileBase;
    private final X509Certificate x509;
    private final PrivateKey key;
    private final X509Certificate ca;
    private final Path certificate;
    private final Path privateKey;

    Issued(String fileBase, X509Certificate x509, PrivateKey key, X509Certificate ca, Path certificate,
           Path privateKey) {
        this.fileBase = fileBase;
        this.x509 = x509;
        this.key = key;
        this.ca = ca;
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** @return the PEM file with the certificate alone (no CA) */
    public Path certificate() {
        return certificate;
    }

    /** @return the PEM file with the private key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) */
    public Path privateKey() {
        return privateKey;
    }

    /** @return the certificate */
    public X509Certificate x509() {
        return x509;
    }

    /** @return the private key */
    public PrivateKey key() {
        return key;
    }

    /** @return whether the key is RSA or EC */
    public KeyType keyType() {
        return KeyType.of(key);
    }

    /**
     * Writes the private key in another form, to a file next to the certificate whose name tells the format
     * ({@code <name>-key-pkcs1-encrypted.pem}). Writing the same format again replaces that file.
     *
     * @param format   the form
     * @param password the password of an encrypted format; null for an unencrypted one
     * @return the file
     * @throws IllegalArgumentException if the format cannot hold this type of key (PKCS#1 an EC key, SEC1 an RSA
     *                                  key), or an encrypted format gets no password or a plain one gets one
     */
    public Path writeKey(KeyFormat format, String password) throws IOException {
        return Pem.write(sibling("-key-" + format.fileNamePart() + ".pem"), format.pem(key, password));
    }

    /**
     * Writes the certificate followed by the CA certificate, as a server or client presents its chain.
     *
     * @return {@code file}
     */
    public Path writeChain(Path file) throws IOException {
        return Pem.write(file, x509, ca);
    }

    /**
     * Writes a PKCS#12 keystore with one key entry, alias {@value #PKCS12_ALIAS}: the key and the chain up to the
     * CA, protected by {@code password} (keystore and key alike). Moquette and Java key managers read it.
     *
     * @return the file, {@code <name>.p12} next to the certificate
     */
    public Path writePkcs12(char[] password) throws IOException {
        Path file = sibling(".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(PKCS12_ALIAS, key, password, new Certificate[] {x509, ca});
            store.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a PKCS#12 keystore", e);
        }
        return file;
    }

    @Override
    public String toString() {
        return x509.getSubjectX500Principal().getName() + " (" + certificate + ")";
    }

    private Path sibling(String suffix) {
        return certificate.resolveSibling(fileBase + suffix);
    }
}
