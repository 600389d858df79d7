package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Issued;
import dev.tether.mqtt.testing.TestPki;

/** TLS, WebSocket and secure WebSocket against the embedded Java broker (it has no TLS-PSK). */
class SecureTransportMoquetteTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static EmbeddedMoquette broker;

    private final SecureConnections connections = new SecureConnections();

    @BeforeAll
    static void startBroker() throws Exception {
        pki = TestPki.create(dir, "tether-test");
        Issued server = pki.issueServer("broker", List.of("localhost"), List.of("127.0.0.1"));
        char[] password = "keystore".toCharArray();
        Path keystore = server.writePkcs12(password);
        broker = EmbeddedMoquette.builder().tls(keystore, password).websocket().secureWebsocket(keystore, password)
            .start();
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

    @Test
    void tlsRoundTrip() throws Exception {
        connections.assertRoundTrip(connections.config("server", "localhost:" + broker.tlsPort(),
            "ssl_ca_cert", pki.caCertificate().toString()));
    }

    @Test
    void webSocketRoundTrip() throws Exception {
        connections.assertRoundTrip(connections.config("server", "localhost:" + broker.websocketPort(),
            "ws_enable", true));
    }

    @Test
    void secureWebSocketRoundTrip() throws Exception {
        connections.assertRoundTrip(connections.config("server", "localhost:" + broker.secureWebsocketPort(),
            "ws_enable", true, "ssl_ca_cert", pki.caCertificate().toString()));
    }

    @Test
    void webSocketPathIsTheConfiguredOne() {
        String reason = connections.awaitFailure(connections.config("server", "localhost:" + broker.websocketPort(),
            "ws_enable", true, "ws_path", "/not-mqtt"));

        assertThat(reason).contains("ws://localhost:" + broker.websocketPort() + "/not-mqtt");
    }
}
