package dev.tether.mqtt.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A certificate authority made at test time, in a directory of its own: a self-signed EC P-256 CA that issues
 * server and client certificates. Nothing is checked in; every run has new keys.
 *
 * <p>Certificates are valid from an hour ago (so a clock a little behind does not matter) for two days, unless a
 * test asks for another period to get an expired or a not-yet-valid certificate. Files are named after the name
 * given, with characters other than letters, digits, '.', '_' and '-' replaced by '_'.
 */
public final class TestPki {

    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final Path dir;
    private final CertificateSigner signer;
    private final X509Certificate caX509;
    private final Path caCertificate;

    private TestPki(Path dir, CertificateSigner signer, X509Certificate caX509, Path caCertificate) {
        this.dir = dir;
        this.signer = signer;
        this.caX509 = caX509;
        this.caCertificate = caCertificate;
    }

    /**
     * Makes a CA and writes its certificate to {@code dir/<caName>-ca.pem}.
     *
     * @param dir    where this CA writes every file; created if missing
     * @param caName the common name of the CA
     */
    public static TestPki create(Path dir, String caName) throws IOException {
        Files.createDirectories(dir);
        KeyPair keys = KeyType.EC.generate();
        CertificateSigner signer = new CertificateSigner(caName, keys, KeyType.EC);
        Instant now = now();
        X509Certificate ca = signer.sign(caName, keys.getPublic(), now.minus(BACKDATE), now.plus(VALIDITY),
            extension(Extension.basicConstraints, true, new BasicConstraints(true)),
            extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
        Path file = Pem.write(dir.resolve(fileBase(caName) + "-ca.pem"), ca);
        return new TestPki(dir, signer, ca, file);
    }

    /** @return the PEM file with the CA certificate: what clients trust */
    public Path caCertificate() {
        return caCertificate;
    }

    /** @return the CA certificate */
    public X509Certificate caX509() {
        return caX509;
    }

    /**
     * Issues a server certificate (RSA 2048, extended key usage serverAuth), valid from an hour ago for two days.
     *
     * @param name        the common name, and the base of the file names
     * @param dnsNames    DNS subject alternative names
     * @param ipAddresses IP address subject alternative names, such as {@code 127.0.0.1}; with no DNS names either,
     *                    the certificate has no subject alternative name at all
     */
    public Issued issueServer(String name, List<String> dnsNames, List<String> ipAddresses) throws IOException {
        Instant now = now();
        return issueServer(name, dnsNames, ipAddresses, now.minus(BACKDATE), now.plus(VALIDITY));
    }

    /**
     * Issues a server certificate valid in the given period: in the past for an expired one, in the future for
     * one not yet valid.
     *
     * @see #issueServer(String, List, List)
     */
    public Issued issueServer(String name, List<String> dnsNames, List<String> ipAddresses, Instant notBefore,
                              Instant notAfter) throws IOException {
        List<Extension> extensions = new ArrayList<>(leafExtensions(KeyType.RSA, KeyPurposeId.id_kp_serverAuth));
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        if (!names.isEmpty()) {
            extensions.add(extension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new))));
        }
        return issue(name, KeyType.RSA, notBefore, notAfter, extensions);
    }

    /**
     * Issues a client certificate (extended key usage clientAuth) for mutual TLS, valid from an hour ago for two
     * days.
     *
     * @param commonName the common name, which Mosquitto can take as the user name; also the base of the file names
     * @param keyType    RSA 2048 or EC P-256
     */
    public Issued issueClient(String commonName, KeyType keyType) throws IOException {
        Instant now = now();
        return issue(commonName, keyType, now.minus(BACKDATE), now.plus(VALIDITY),
            leafExtensions(keyType, KeyPurposeId.id_kp_clientAuth));
    }

    @Override
    public String toString() {
        return "TestPki " + caX509.getSubjectX500Principal().getName() + " in " + dir;
    }

    private Issued issue(String name, KeyType keyType, Instant notBefore, Instant notAfter,
                         List<Extension> extensions) throws IOException {
        Objects.requireNonNull(name, "name");
        String base = fileBase(name);
        Path certificate = dir.resolve(base + "-cert.pem");
        if (Files.exists(certificate)) {
            throw new IllegalArgumentException("this CA already issued a certificate written to " + certificate);
        }
        KeyPair keys = keyType.generate();
        X509Certificate x509 = signer.sign(name, keys.getPublic(), notBefore, notAfter,
            extensions.toArray(Extension[]::new));
        Pem.write(certificate, x509);
        Path privateKey = Pem.write(dir.resolve(base + "-key.pem"), new JcaPKCS8Generator(keys.getPrivate(), null));
        return new Issued(base, x509, keys.getPrivate(), caX509, certificate, privateKey);
    }

    private static List<Extension> leafExtensions(KeyType keyType, KeyPurposeId purpose) {
        // an RSA key may also encipher the TLS 1.2 RSA key exchange; an EC key only signs
        int usage = keyType == KeyType.RSA ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
            : KeyUsage.digitalSignature;
        return List.of(
            extension(Extension.basicConstraints, true, new BasicConstraints(false)),
            extension(Extension.keyUsage, true, new KeyUsage(usage)),
            extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose)));
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return Extension.create(oid, critical, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension " + oid, e);
        }
    }

    private static String fileBase(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** X.509 times have whole seconds. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
