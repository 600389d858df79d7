package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.testing.Issued;
import dev.tether.mqtt.testing.KeyFormat;
import dev.tether.mqtt.testing.KeyType;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;
import dev.tether.mqtt.testing.TestPki;

/**
 * TLS, mutual TLS, TLS-PSK and WebSocket against a real Mosquitto with one listener per mode, and
 * certificates generated for the run.
 */
class SecureTransportMosquittoTest {

    private static final String PSK_IDENTITY = "gateway-1";
    private static final String PSK_KEY = "5ec7e7a1b2c3d4e5f60718293a4b5c6d";
    private static final String KEY_PASSWORD = "k3y-pa55word";

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki otherPki;
    static Issued client;
    static MosquittoProcess broker;

    private final SecureConnections connections = new SecureConnections();

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        pki = TestPki.create(dir, "tether-test");
        otherPki = TestPki.create(dir, "unrelated");
        Issued server = pki.issueServer("broker", List.of("localhost"), List.of("127.0.0.1"));
        Issued otherHost = pki.issueServer("elsewhere", List.of("elsewhere.example"), List.of());
        Issued expired = pki.issueServer("expired", List.of("localhost"), List.of("127.0.0.1"),
            Instant.now().minus(10, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS));
        client = pki.issueClient("gateway-client", KeyType.RSA);
        broker = MosquittoProcess.builder(dir.resolve("mosquitto"))
            .listener("tls", tls(server))
            .listener("tls-elsewhere", tls(otherHost))
            .listener("tls-expired", tls(expired))
            .listener("mtls", tls(server).requireClientCertificate())
            .listener("tls12-aes128", tls(server).tlsVersion("tlsv1.2").ciphers("ECDHE-RSA-AES128-GCM-SHA256"))
            .listener("psk", Listener.psk("tether"))
            .listener("psk12", Listener.psk("tether").tlsVersion("tlsv1.2"))
            .listener("ws", Listener.plain().websockets())
            .listener("wss", tls(server).websockets())
            .pskIdentity(PSK_IDENTITY, PSK_KEY)
            .start();
    }

    private static Listener tls(Issued server) {
        return Listener.tls(pki.caCertificate(), server.certificate(), server.privateKey());
    }

    @AfterEach
    void closeConnections() {
        connections.close();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String at(String listener) {
        return "localhost:" + broker.port(listener);
    }

    private static String ca() {
        return pki.caCertificate().toString();
    }

    @Test
    void tlsRoundTripWithTheConfiguredCa() throws Exception {
        connections.assertRoundTrip(connections.config("server", at("tls"), "ssl_ca_cert", ca()));
    }

    @Test
    void sslSchemeAndIpAddressWork() throws Exception {
        connections.assertRoundTrip(connections.config("server", "ssl://127.0.0.1:" + broker.port("tls"),
            "ssl_ca_cert", ca()));
    }

    @Test
    void serverSignedByAnotherCaIsRejected() {
        String reason = connections.awaitFailure(connections.config("server", at("tls"),
            "ssl_ca_cert", otherPki.caCertificate().toString()));

        assertThat(reason).contains("not signed by a CA in ssl_ca_cert '" + otherPki.caCertificate() + "'");
    }

    @Test
    void theJvmTrustStoreDoesNotTrustTheTestCa() {
        String reason = connections.awaitFailure(connections.config("server", at("tls"), "ssl_ca_cert", "system"));

        assertThat(reason).contains("not signed by a CA in the Java runtime's trust store");
    }

    @Test
    void hostNameMismatchIsRejected() {
        String reason = connections.awaitFailure(connections.config("server", at("tls-elsewhere"),
            "ssl_ca_cert", ca()));

        assertThat(reason).contains("does not match the host name 'localhost'");
    }

    @Test
    void expiredServerCertificateIsRejected() {
        String reason = connections.awaitFailure(connections.config("server", at("tls-expired"),
            "ssl_ca_cert", ca()));

        assertThat(reason).contains("server's certificate has expired");
    }

    @Test
    void mutualTlsWithTheClientCertificate() throws Exception {
        connections.assertRoundTrip(connections.config("server", at("mtls"), "ssl_ca_cert", ca(),
            "ssl_cert", client.certificate().toString(), "ssl_key", client.privateKey().toString()));
    }

    @Test
    void mutualTlsListenerRejectsAClientWithoutCertificate() {
        String reason = connections.awaitFailure(connections.config("server", at("mtls"), "ssl_ca_cert", ca()));

        assertThat(reason).contains("client certificate");
    }

    static Stream<Arguments> keyFormats() {
        return Stream.of(KeyType.values()).flatMap(type -> Stream.of(KeyFormat.values())
            .filter(format -> format.holds(type)).map(format -> Arguments.of(type, format)));
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @MethodSource("keyFormats")
    void mutualTlsWithEveryKeyFormat(KeyType type, KeyFormat format) throws Exception {
        Issued identity = pki.issueClient("client-" + type + "-" + format, type);
        Path key = identity.writeKey(format, format.encrypted() ? KEY_PASSWORD : null);

        connections.assertRoundTrip(connections.config("server", at("mtls"), "ssl_ca_cert", ca(),
            "ssl_cert", identity.certificate().toString(), "ssl_key", key.toString(),
            "ssl_key_pass", format.encrypted() ? KEY_PASSWORD : ""));
    }

    @Test
    void wrongKeyPasswordIsReportedWithoutThePassword() throws Exception {
        Path key = client.writeKey(KeyFormat.PKCS8_ENCRYPTED, KEY_PASSWORD);

        String reason = connections.awaitFailure(connections.config("server", at("mtls"), "ssl_ca_cert", ca(),
            "ssl_cert", client.certificate().toString(), "ssl_key", key.toString(), "ssl_key_pass", "not-it"));

        assertThat(reason).contains("ssl_key '" + key + "'", "cannot decrypt").doesNotContain("not-it");
        assertThat(connections.logged()).noneMatch(line -> line.contains("not-it") || line.contains(KEY_PASSWORD));
    }

    @Test
    void encryptedKeyWithoutPasswordIsReported() throws Exception {
        Path key = client.writeKey(KeyFormat.PKCS1_ENCRYPTED, KEY_PASSWORD);

        String reason = connections.awaitFailure(connections.config("server", at("mtls"), "ssl_ca_cert", ca(),
            "ssl_cert", client.certificate().toString(), "ssl_key", key.toString()));

        assertThat(reason).contains("the key is encrypted; set ssl_key_pass");
    }

    @Test
    void keyOfAnotherCertificateIsReported() throws Exception {
        Issued other = pki.issueClient("someone-else", KeyType.RSA);

        String reason = connections.awaitFailure(connections.config("server", at("mtls"), "ssl_ca_cert", ca(),
            "ssl_cert", client.certificate().toString(), "ssl_key", other.privateKey().toString()));

        assertThat(reason).contains("does not match the certificate in ssl_cert");
    }

    @Test
    void expiredClientCertificateIsReportedBeforeConnecting() throws Exception {
        Issued expired = pki.issueServer("old-client", List.of("old"), List.of(),
            Instant.now().minus(30, ChronoUnit.DAYS), Instant.now().minus(2, ChronoUnit.DAYS));

        String reason = connections.awaitFailure(connections.config("server", at("mtls"), "ssl_ca_cert", ca(),
            "ssl_cert", expired.certificate().toString(), "ssl_key", expired.privateKey().toString()));

        assertThat(reason).contains("ssl_cert '" + expired.certificate() + "': the certificate expired on");
    }

    @Test
    void missingAndNonPemFilesAreNamed() throws Exception {
        Path missing = dir.resolve("nowhere/ca.pem");
        Path notPem = Files.writeString(dir.resolve("not-pem.txt"), "hello, I am not a certificate");

        String missingReason = connections.awaitFailure(connections.config("server", at("tls"),
            "ssl_ca_cert", missing.toString()));
        String notPemReason = connections.awaitFailure(connections.config("server", at("tls"),
            "ssl_ca_cert", notPem.toString()));

        assertThat(missingReason).contains("ssl_ca_cert '" + missing + "': file not found");
        assertThat(notPemReason).contains("ssl_ca_cert '" + notPem + "': not a PEM certificate file");
    }

    @Test
    void allowedCipherSuiteConnects() throws Exception {
        connections.assertRoundTrip(connections.config("server", at("tls12-aes128"), "ssl_ca_cert", ca(),
            "ssl_cipher_suites", "ECDHE-RSA-AES128-GCM-SHA256"));
    }

    @Test
    void cipherSuiteTheBrokerDoesNotAllowFails() {
        String reason = connections.awaitFailure(connections.config("server", at("tls12-aes128"),
            "ssl_ca_cert", ca(), "ssl_cipher_suites", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));

        assertThat(reason).contains("no cipher suite or TLS version in common");
    }

    @Test
    void pskRoundTripWithTheDefaultSuites() throws Exception {
        connections.assertRoundTrip(connections.config("server", at("psk"),
            "ssl_psk_identity", PSK_IDENTITY, "ssl_psk_key", PSK_KEY));
    }

    @Test
    void pskRoundTripOverTls12() throws Exception {
        connections.assertRoundTrip(connections.config("server", at("psk12"),
            "ssl_psk_identity", PSK_IDENTITY, "ssl_psk_key", PSK_KEY, "ssl_cipher_suites", "PSK-AES128-GCM-SHA256"));
    }

    @Test
    void pskRoundTripOverTls13Only() throws Exception {
        connections.assertRoundTrip(connections.config("server", "ssl://localhost:" + broker.port("psk"),
            "ssl_psk_identity", PSK_IDENTITY, "ssl_psk_key", PSK_KEY, "ssl_cipher_suites", "TLS_AES_128_GCM_SHA256"));
    }

    @Test
    void wrongPskKeyIsRejectedAndNeverShown() {
        String wrongKey = "00112233445566778899aabbccddeeff";

        String reason13 = connections.awaitFailure(connections.config("server", at("psk"),
            "ssl_psk_identity", PSK_IDENTITY, "ssl_psk_key", wrongKey));
        String reason12 = connections.awaitFailure(connections.config("server", at("psk12"),
            "ssl_psk_identity", PSK_IDENTITY, "ssl_psk_key", wrongKey));

        assertThat(reason13).contains("TLS-PSK handshake", "ssl_psk_identity 'gateway-1'").doesNotContain(wrongKey);
        assertThat(reason12).contains("TLS-PSK handshake", "ssl_psk_identity 'gateway-1'").doesNotContain(wrongKey);
        assertThat(connections.logged()).noneMatch(line -> line.contains(wrongKey) || line.contains(PSK_KEY));
    }

    @Test
    void unknownPskIdentityIsRejected() {
        String reason = connections.awaitFailure(connections.config("server", at("psk12"),
            "ssl_psk_identity", "stranger", "ssl_psk_key", PSK_KEY));

        assertThat(reason).contains("TLS-PSK handshake", "ssl_psk_identity 'stranger'");
    }

    @Test
    void webSocketRoundTrip() throws Exception {
        connections.assertRoundTrip(connections.config("server", at("ws"), "ws_enable", true));
    }

    @Test
    void secureWebSocketRoundTrip() throws Exception {
        connections.assertRoundTrip(connections.config("server", "wss://localhost:" + broker.port("wss") + "/mqtt",
            "ssl_ca_cert", ca()));
    }

    @Test
    void replacedCaFileIsUsedAfterAConfigurationUpdate() throws Exception {
        // given a connection that trusts the CA from a file
        Path caFile = dir.resolve("rotating-ca.pem");
        Files.copy(pki.caCertificate(), caFile, StandardCopyOption.REPLACE_EXISTING);
        ManagedConnection connection = connections.open(connections.config("server", at("tls"),
            "ssl_ca_cert", caFile.toString()));
        SecureConnections.awaitConnected(connection);

        // when the file is replaced by an unrelated CA and the same configuration saved again
        Files.copy(otherPki.caCertificate(), caFile, StandardCopyOption.REPLACE_EXISTING);
        connection.apply(connections.config("server", at("tls"), "ssl_ca_cert", caFile.toString(),
            "client_id", connection.status().clientId()));

        // then it reconnects with the new file, which does not trust the broker
        await().atMost(SecureConnections.CONNECT_TIMEOUT).until(() -> connection.status().lastError()
            .filter(error -> error.contains("not signed by a CA")).isPresent());
        assertThat(connection.state()).isNotEqualTo(ConnectionState.CONNECTED);

        // and with the right CA back in place, the next update connects again
        Files.copy(pki.caCertificate(), caFile, StandardCopyOption.REPLACE_EXISTING);
        connection.apply(connections.config("server", at("tls"), "ssl_ca_cert", caFile.toString(),
            "client_id", connection.status().clientId()));
        SecureConnections.awaitConnected(connection);
    }

    @Test
    void unchangedFilesAndSettingsDoNotReconnect() throws Exception {
        ParsedConfiguration configuration = connections.config("server", at("tls"), "ssl_ca_cert", ca());
        ManagedConnection connection = connections.open(configuration);
        SecureConnections.awaitConnected(connection);
        Instant since = connection.status().connectedSince().orElseThrow();

        connection.apply(connections.config("server", at("tls"), "ssl_ca_cert", ca(),
            "client_id", connection.status().clientId()));
        SecureConnections.assertRoundTrip(connection);

        assertThat(connection.status().connectedSince()).contains(since);
    }
}
