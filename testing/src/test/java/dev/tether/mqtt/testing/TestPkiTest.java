package dev.tether.mqtt.testing;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPkiTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Issued server;
    private static Issued rsaClient;
    private static Issued ecClient;

    @BeforeAll
    static void issue() throws Exception {
        pki = TestPki.create(dir, "Tether Test CA");
        server = pki.issueServer("broker", List.of("localhost"), List.of("127.0.0.1"));
        rsaClient = pki.issueClient("gateway-rsa", KeyType.RSA);
        ecClient = pki.issueClient("gateway-ec", KeyType.EC);
    }

    @Test
    void caCertificateFileHoldsTheSelfSignedCa() throws Exception {
        // given
        X509Certificate fromFile = readCertificates(pki.caCertificate()).get(0);

        // when / then
        assertThat(pki.caCertificate().getFileName()).hasToString("Tether_Test_CA-ca.pem");
        assertThat(fromFile).isEqualTo(pki.caX509());
        assertThat(fromFile.getBasicConstraints()).isNotNegative();
        fromFile.verify(fromFile.getPublicKey());
    }

    @Test
    void serverCertificateValidatesAgainstTheCa() throws Exception {
        // given
        X509Certificate certificate = readCertificates(server.certificate()).get(0);

        // when
        validate(certificate);

        // then
        assertThat(certificate).isEqualTo(server.x509());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=broker");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getSubjectAlternativeNames())
            .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(server.keyType()).isEqualTo(KeyType.RSA);
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void clientCertificatesValidateAgainstTheCa() throws Exception {
        // given / when
        validate(rsaClient.x509());
        validate(ecClient.x509());

        // then
        assertThat(rsaClient.x509().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(ecClient.x509().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(ecClient.key().getAlgorithm()).isEqualTo("EC");
        assertThat(ecClient.x509().getSubjectX500Principal().getName()).isEqualTo("CN=gateway-ec");
    }

    @Test
    void serverCertificateWithoutNamesHasNoSubjectAlternativeName() throws Exception {
        // given / when
        Issued anonymous = pki.issueServer("no-names", List.of(), List.of());

        // then
        assertThat(anonymous.x509().getSubjectAlternativeNames()).isNull();
    }

    @Test
    void serverCertificateCanBeIssuedForAnyPeriod() throws Exception {
        // given
        Instant notBefore = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(1, ChronoUnit.DAYS);

        // when
        Issued expired = pki.issueServer("expired", List.of("localhost"), List.of(), notBefore, notAfter);

        // then
        assertThat(expired.x509().getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(expired.x509().getNotAfter().toInstant()).isEqualTo(notAfter);
        assertThatThrownBy(() -> validate(expired.x509())).hasRootCauseInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void privateKeyFileIsUnencryptedPkcs8OfTheKey() throws Exception {
        // given / when
        String text = Files.readString(server.privateKey());

        // then
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----");
        assertSameKey(PemKeys.read(server.privateKey(), null), server.key());
    }

    static Stream<Arguments> formats() {
        return Stream.of(
            Arguments.of(KeyType.RSA, KeyFormat.PKCS8, "-----BEGIN PRIVATE KEY-----"),
            Arguments.of(KeyType.RSA, KeyFormat.PKCS8_ENCRYPTED, "-----BEGIN ENCRYPTED PRIVATE KEY-----"),
            Arguments.of(KeyType.RSA, KeyFormat.PKCS1, "-----BEGIN RSA PRIVATE KEY-----"),
            Arguments.of(KeyType.RSA, KeyFormat.PKCS1_ENCRYPTED, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED"
                + "\nDEK-Info: AES-256-CBC,"),
            Arguments.of(KeyType.EC, KeyFormat.PKCS8, "-----BEGIN PRIVATE KEY-----"),
            Arguments.of(KeyType.EC, KeyFormat.PKCS8_ENCRYPTED, "-----BEGIN ENCRYPTED PRIVATE KEY-----"),
            Arguments.of(KeyType.EC, KeyFormat.SEC1, "-----BEGIN EC PRIVATE KEY-----"),
            Arguments.of(KeyType.EC, KeyFormat.SEC1_ENCRYPTED, "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED"
                + "\nDEK-Info: AES-256-CBC,"));
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @MethodSource("formats")
    void everyKeyFormatReadsBackToTheSameKey(KeyType type, KeyFormat format, String begins) throws Exception {
        // given
        Issued issued = type == KeyType.RSA ? rsaClient : ecClient;
        String password = format.encrypted() ? "s3cret" : null;

        // when
        Path file = issued.writeKey(format, password);

        // then
        assertThat(file.getParent()).isEqualTo(issued.certificate().getParent());
        assertThat(file.getFileName().toString()).contains(format.name().toLowerCase().replace('_', '-'));
        assertThat(Files.readString(file).replace("\r\n", "\n")).startsWith(begins);
        assertSameKey(PemKeys.read(file, password), issued.key());
    }

    @Test
    void formatsForTheOtherKeyTypeAreRefused() {
        // given / when / then
        assertThatThrownBy(() -> ecClient.writeKey(KeyFormat.PKCS1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ecClient.writeKey(KeyFormat.PKCS1_ENCRYPTED, "pw"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rsaClient.writeKey(KeyFormat.SEC1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rsaClient.writeKey(KeyFormat.SEC1_ENCRYPTED, "pw"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordMustFitTheFormat() {
        // given / when / then
        assertThatThrownBy(() -> rsaClient.writeKey(KeyFormat.PKCS8_ENCRYPTED, null))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rsaClient.writeKey(KeyFormat.PKCS1, "pw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chainIsTheCertificateThenTheCa() throws Exception {
        // given / when
        Path chain = server.writeChain(dir.resolve("broker-chain.pem"));

        // then
        assertThat(readCertificates(chain)).containsExactly(server.x509(), pki.caX509());
    }

    @Test
    void pkcs12HoldsTheKeyAndChainUnderAliasServer() throws Exception {
        // given
        char[] password = "changeit".toCharArray();

        // when
        Path file = server.writePkcs12(password);

        // then
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        assertThat(store.isKeyEntry(Issued.PKCS12_ALIAS)).isTrue();
        assertSameKey((PrivateKey) store.getKey(Issued.PKCS12_ALIAS, password), server.key());
        assertThat(store.getCertificateChain(Issued.PKCS12_ALIAS)).containsExactly(server.x509(), pki.caX509());
    }

    @Test
    void aNameIsIssuedOnce() {
        // given / when / then
        assertThatThrownBy(() -> pki.issueClient("gateway-rsa", KeyType.RSA))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static void validate(X509Certificate certificate) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.caX509(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }

    private static List<X509Certificate> readCertificates(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends java.security.cert.Certificate> all =
                CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certificates = new ArrayList<>();
            all.forEach(certificate -> certificates.add((X509Certificate) certificate));
            return certificates;
        }
    }

    /** Keys from different providers are not equals(); their numbers are. */
    private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        assertThat(actual.getAlgorithm()).isEqualTo(expected.getAlgorithm().replace("ECDSA", "EC"));
        if (expected instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) expected;
            assertThat(actual).isInstanceOfSatisfying(RSAPrivateCrtKey.class, key -> {
                assertThat(key.getModulus()).isEqualTo(rsa.getModulus());
                assertThat(key.getPrivateExponent()).isEqualTo(rsa.getPrivateExponent());
                assertThat(key.getPublicExponent()).isEqualTo(rsa.getPublicExponent());
            });
        } else {
            ECPrivateKey ec = (ECPrivateKey) expected;
            assertThat(actual).isInstanceOfSatisfying(ECPrivateKey.class, key -> {
                BigInteger s = key.getS();
                assertThat(s).isEqualTo(ec.getS());
                assertThat(key.getParams().getOrder()).isEqualTo(ec.getParams().getOrder());
                assertThat(key.getParams().getCurve()).isEqualTo(ec.getParams().getCurve());
            });
        }
    }
}
