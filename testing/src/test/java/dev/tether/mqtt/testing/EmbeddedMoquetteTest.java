package dev.tether.mqtt.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMoquetteTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static EmbeddedMoquette broker;

    @BeforeAll
    static void startBroker() throws Exception {
        pki = TestPki.create(dir, "Moquette Test CA");
        Path keyStore = pki.issueServer("moquette", List.of("localhost"), List.of("127.0.0.1")).writePkcs12(PASSWORD);
        broker = EmbeddedMoquette.builder().plain().websocket().tls(keyStore, PASSWORD)
            .secureWebsocket(keyStore, PASSWORD).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void plainTcp() throws Exception {
        assertThat(RoundTrip.through("tcp://127.0.0.1:" + broker.plainPort(), null)).startsWith("hello");
    }

    @Test
    void webSocket() throws Exception {
        assertThat(RoundTrip.through("ws://127.0.0.1:" + broker.websocketPort() + EmbeddedMoquette.WEBSOCKET_PATH,
            null)).startsWith("hello");
    }

    @Test
    void tls() throws Exception {
        assertThat(RoundTrip.through("ssl://127.0.0.1:" + broker.tlsPort(),
            TlsClients.trusting(pki.caCertificate()))).startsWith("hello");
    }

    @Test
    void secureWebSocket() throws Exception {
        assertThat(RoundTrip.through("wss://127.0.0.1:" + broker.secureWebsocketPort()
            + EmbeddedMoquette.WEBSOCKET_PATH, TlsClients.trusting(pki.caCertificate()))).startsWith("hello");
    }

    @Test
    void listenersNotChosenHaveNoPort() {
        // given
        EmbeddedMoquette plainOnly = EmbeddedMoquette.builder().plain().build();

        // when / then
        assertThatThrownBy(plainOnly::tlsPort).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(plainOnly::websocketPort).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EmbeddedMoquette.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startFailsAtOnceWithAWrongKeyStorePassword() throws Exception {
        // given
        Path keyStore = pki.issueServer("moquette-wrong-password", List.of(), List.of("127.0.0.1"))
            .writePkcs12(PASSWORD);
        EmbeddedMoquette broker = EmbeddedMoquette.builder().tls(keyStore, "wrong".toCharArray()).build();

        // when / then
        assertThatThrownBy(broker::start).isInstanceOf(IOException.class).hasMessageContaining(keyStore.toString());
        assertThat(Ports.accepts(broker.tlsPort())).isFalse();
    }

    @Test
    void restartsOnTheSamePort() throws Exception {
        // given
        try (EmbeddedMoquette restartable = EmbeddedMoquette.builder().plain().start()) {
            int port = restartable.plainPort();

            // when
            restartable.stop();
            assertThat(Ports.accepts(port)).isFalse();
            restartable.start();

            // then
            assertThat(RoundTrip.through("tcp://127.0.0.1:" + port, null)).startsWith("hello");
        }
    }
}
