package dev.tether.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.testing.Issued;
import dev.tether.mqtt.testing.KeyType;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;
import dev.tether.mqtt.testing.TestPki;

/**
 * The WebSocket transport against a Mosquitto 2.0 process (libwebsockets): plain, secure and mutual-TLS WebSocket
 * round trips at QoS 1, the configured cipher suites, and a certificate for another host. Skipped when Mosquitto is
 * not installed.
 *
 * <p>Only the plain round trip goes up to 1 MB: Debian's Mosquitto 2.0.11 (libwebsockets 4.1) sends a large packet
 * to a WebSocket client 4 KiB per 100 ms, so 1 MB takes 25 s (TCP: 50 ms; what it receives is fast). It is the
 * broker's (eclipse-mosquitto/mosquitto#2252, #1390): the same happens to every client.
 */
@Timeout(60)
class WebSocketTransportMosquittoTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static TestPki pki;
    static Issued client;
    static MosquittoProcess broker;
    static ThreadPoolExecutor pool;
    static WebSocketClients clients;

    private WebSocketTransport transport;

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        pki = TestPki.create(dir, "tether-test");
        Issued server = pki.issueServer("broker", List.of("localhost"), List.of("127.0.0.1"));
        Issued elsewhere = pki.issueServer("elsewhere", List.of("elsewhere.example"), List.of());
        client = pki.issueClient("gateway-client", KeyType.RSA);
        broker = MosquittoProcess.builder(dir.resolve("mosquitto"))
            .listener("ws", Listener.plain().websockets())
            .listener("wss", tls(server).websockets())
            .listener("wss-elsewhere", tls(elsewhere).websockets())
            .listener("wss-mtls", tls(server).requireClientCertificate().websockets())
            .listener("wss-aes128", tls(server).tlsVersion("tlsv1.2").ciphers("ECDHE-RSA-AES128-GCM-SHA256")
                .websockets())
            .start();
        pool = TestPool.elastic("ws-test");
        clients = new WebSocketClients(pool);
    }

    private static Listener tls(Issued server) {
        return Listener.tls(pki.caCertificate(), server.certificate(), server.privateKey());
    }

    @AfterAll
    static void stopBroker() {
        if (clients != null) {
            clients.close();
            pool.shutdownNow();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    private static URI uri(String scheme, String listener) {
        return URI.create(scheme + "://localhost:" + broker.port(listener) + "/mqtt");
    }

    private static Optional<WebSocketTls> tls(Optional<Issued> identity, List<String> cipherSuites)
            throws TransportException {
        return Optional.of(WebSocketTls.of(Optional.of(pki.caCertificate()), identity.map(Issued::certificate),
            identity.map(Issued::privateKey), new char[0], cipherSuites, Clock.systemUTC()));
    }

    @Test
    void webSocketRoundTrips() throws Exception {
        transport = WebSocketTransport.open(uri("ws", "ws"), Optional.empty(), TIMEOUT, clients);

        MqttOverTransport.assertRoundTrips(transport, "mosquitto-ws", 1, MqttOverTransport.PAYLOAD_SIZES);
    }

    @Test
    void secureWebSocketRoundTrips() throws Exception {
        transport = WebSocketTransport.open(uri("wss", "wss"), tls(Optional.empty(), List.of()), TIMEOUT, clients);

        MqttOverTransport.assertRoundTrips(transport, "mosquitto-wss", 1, List.of(64, 100_000));
    }

    @Test
    void mutualTlsWithTheClientCertificate() throws Exception {
        transport = WebSocketTransport.open(uri("wss", "wss-mtls"), tls(Optional.of(client), List.of()), TIMEOUT,
            clients);

        MqttOverTransport.assertRoundTrips(transport, "mosquitto-mtls", 1, List.of(64));
    }

    @Test
    void certificateForAnotherHostNameIsRefused() {
        Throwable failure = catchThrowable(() -> WebSocketTransport.open(uri("wss", "wss-elsewhere"),
            tls(Optional.empty(), List.of()), TIMEOUT, clients));

        assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("TLS handshake");
        assertThat(ConnectFailures.describe(failure, "localhost", "ssl_ca_cert"))
            .hasValueSatisfying(reason -> assertThat(reason).contains("does not match the host name 'localhost'"));
    }

    @Test
    void theConfiguredCipherSuiteIsOffered() throws Exception {
        transport = WebSocketTransport.open(uri("wss", "wss-aes128"),
            tls(Optional.empty(), List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")), TIMEOUT, clients);

        MqttOverTransport.assertRoundTrips(transport, "mosquitto-aes128", 1, List.of(64));
    }

    @Test
    void onlyTheConfiguredCipherSuitesAreOffered() {
        Throwable failure = catchThrowable(() -> WebSocketTransport.open(uri("wss", "wss-aes128"),
            tls(Optional.empty(), List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")), TIMEOUT, clients));

        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(ConnectFailures.describe(failure, "localhost", "ssl_ca_cert"))
            .hasValueSatisfying(reason -> assertThat(reason).contains("no cipher suite or TLS version in common"));
    }

    @Test
    void mutualTlsListenerRefusesAClientWithoutCertificate() {
        Throwable failure = catchThrowable(() -> WebSocketTransport.open(uri("wss", "wss-mtls"),
            tls(Optional.empty(), List.of()), TIMEOUT, clients));

        // TLS 1.3: the refusal comes as the alert that names it, or as a reset before the JDK reads that alert
        assertThat(failure).isInstanceOf(IOException.class);
        String reason = ConnectFailures.describe(failure, "localhost", "ssl_ca_cert").orElse(failure.getMessage());
        assertThat(reason).as("%s", chain(failure)).contains("client certificate it trusts (ssl_cert, ssl_key)");
    }

    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
