package dev.tether.mqtt.testing;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import dev.tether.mqtt.testing.MosquittoProcess.Listener;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MosquittoProcessTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Issued server;
    private static MosquittoProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        assumeTrue(MosquittoProcess.available(), "no Mosquitto at " + MosquittoProcess.executable());
        pki = TestPki.create(dir.resolve("pki"), "Mosquitto Test CA");
        server = pki.issueServer("mosquitto", List.of("localhost"), List.of("127.0.0.1"));
        Path ca = pki.caCertificate();
        broker = MosquittoProcess.builder(dir.resolve("broker"))
            .listener("plain", Listener.plain())
            .listener("tls", Listener.tls(ca, server.certificate(), server.privateKey()))
            .listener("mtls", Listener.tls(ca, server.certificate(), server.privateKey()).requireClientCertificate())
            .listener("tls12", Listener.tls(ca, server.certificate(), server.privateKey()).tlsVersion("tlsv1.2")
                .ciphers("ECDHE-RSA-AES128-GCM-SHA256"))
            .listener("psk", Listener.psk("tether"))
            .pskIdentity("gateway-1", "00112233445566778899aabbccddeeff")
            .listener("ws", Listener.plain().websockets())
            .listener("wss", Listener.tls(ca, server.certificate(), server.privateKey()).websockets())
            .start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void plainTcp() throws Exception {
        assertThat(RoundTrip.through("tcp://127.0.0.1:" + broker.port("plain"), null)).startsWith("hello");
    }

    @Test
    void tls() throws Exception {
        assertThat(RoundTrip.through("ssl://127.0.0.1:" + broker.port("tls"), trustingCa())).startsWith("hello");
    }

    @Test
    void tls12WithTheConfiguredCipher() throws Exception {
        // given
        SSLSocketFactory tls12Only = TlsClients.trusting(pki.caCertificate(), "TLSv1.2");

        // when / then
        assertThat(RoundTrip.through("ssl://127.0.0.1:" + broker.port("tls12"), tls12Only)).startsWith("hello");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void mutualTlsWithAClientCertificate(KeyType keyType) throws Exception {
        // given
        Issued client = pki.issueClient("mosquitto-client-" + keyType, keyType);
        SSLSocketFactory withCertificate = TlsClients.withClientCertificate(pki.caCertificate(),
            client.writePkcs12(PASSWORD), PASSWORD);

        // when / then
        assertThat(RoundTrip.through("ssl://127.0.0.1:" + broker.port("mtls"), withCertificate)).startsWith("hello");
    }

    @Test
    void mutualTlsRefusesAClientWithoutCertificate() {
        assertThatThrownBy(() -> RoundTrip.through("ssl://127.0.0.1:" + broker.port("mtls"), trustingCa()))
            .isInstanceOf(MqttException.class);
    }

    @Test
    void webSocket() throws Exception {
        assertThat(RoundTrip.through("ws://127.0.0.1:" + broker.port("ws") + "/mqtt", null)).startsWith("hello");
    }

    @Test
    void secureWebSocket() throws Exception {
        assertThat(RoundTrip.through("wss://127.0.0.1:" + broker.port("wss") + "/mqtt", trustingCa()))
            .startsWith("hello");
    }

    @Test
    void pskListenerIsOpen() throws Exception {
        // given / when / then
        assertThat(Ports.accepts(broker.port("psk"))).isTrue();
        assertThat(Files.readString(dir.resolve("broker/mosquitto.psk")))
            .isEqualTo("gateway-1:00112233445566778899aabbccddeeff\n");
    }

    @Test
    void listenersRefuseConnectionsFromOtherInterfaces() throws Exception {
        // given
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this host has no non-loopback IPv4 address");

        // when / then
        for (String name : List.of("plain", "tls", "ws", "wss")) {
            assertThat(accepts(external.get(), broker.port(name))).as(name).isFalse();
        }
    }

    @Test
    void everyListenerIsLogged() throws Exception {
        // given
        String log = Files.readString(broker.log());

        // when / then
        for (String name : List.of("plain", "tls", "mtls", "tls12", "psk", "ws", "wss")) {
            assertThat(log).contains("listen socket on port " + broker.port(name) + ".");
        }
        assertThatThrownBy(() -> broker.port("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restartsOnTheSamePorts(@TempDir Path own) throws Exception {
        // given
        try (MosquittoProcess restartable = MosquittoProcess.builder(own).listener("plain", Listener.plain()).start()) {
            int port = restartable.port("plain");

            // when
            restartable.stop();

            // then
            assertThat(restartable.running()).isFalse();
            assertThat(Ports.accepts(port)).isFalse();
            restartable.start();
            assertThat(restartable.port("plain")).isEqualTo(port);
            assertThat(RoundTrip.through("tcp://127.0.0.1:" + port, null)).startsWith("hello");
        }
    }

    @Test
    void webSocketsOnlyBrokerStarts(@TempDir Path own) throws Exception {
        // given / when
        try (MosquittoProcess wsOnly = MosquittoProcess.builder(own).listener("ws", Listener.plain().websockets())
                .start()) {

            // then
            assertThat(RoundTrip.through("ws://127.0.0.1:" + wsOnly.port("ws") + "/mqtt", null)).startsWith("hello");
        }
    }

    @Test
    void startFailsWithTheLogWhenTheKeyIsJunk(@TempDir Path own) throws Exception {
        // given
        Path junk = Files.writeString(own.resolve("junk-key.pem"), "not a key\n");
        MosquittoProcess broken = MosquittoProcess.builder(own.resolve("broker"))
            .listener("tls", Listener.tls(pki.caCertificate(), server.certificate(), junk)).build();

        // when / then
        assertThatThrownBy(broken::start)
            .hasMessageContaining("mosquitto exited")
            .hasMessageContaining(broken.log().toString())
            .hasMessageContaining("key");
        assertThat(broken.running()).isFalse();
        await().until(() -> !Ports.accepts(broken.port("tls")));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(MosquittoProcessTest::upAndNotLoopback)
            .flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address).findFirst();
    }

    private static boolean upAndNotLoopback(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static SSLSocketFactory trustingCa() throws Exception {
        return TlsClients.trusting(pki.caCertificate());
    }
}
