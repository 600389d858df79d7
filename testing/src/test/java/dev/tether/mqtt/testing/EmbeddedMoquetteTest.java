package dev.tether.mqtt.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

    @Test
    void persistentBrokerKeepsQueuedMessagesForAnOfflineSessionAcrossARestart() throws Exception {
        // given
        Path dataDir = dir.resolve("moquette-data");
        String topic = "tether/testing/persistent";
        List<String> received = new CopyOnWriteArrayList<>();
        try (EmbeddedMoquette persistent = EmbeddedMoquette.builder().plain().persistentIn(dataDir).start()) {
            String uri = "tcp://127.0.0.1:" + persistent.plainPort();
            MqttClient subscriber = new MqttClient(uri, "persistent-subscriber", new MemoryPersistence());
            try {
                subscriber.setCallback(collectingInto(received));
                subscriber.connect(options(false));
                RoundTrip.awaitSubscribable(subscriber);
                subscriber.subscribe(topic, 1);
                subscriber.disconnect();

                MqttClient publisher = RoundTrip.connect(uri, null);
                try {
                    for (int i = 1; i <= 3; i++) {
                        // returns once the broker has acknowledged (PUBACK)
                        publisher.publish(topic, ("message " + i).getBytes(StandardCharsets.UTF_8), 1, false);
                    }
                    publisher.disconnect();
                } finally {
                    publisher.close();
                }

                // when
                persistent.stop();
                assertThat(dataDir.resolve("moquette_store.h2")).isRegularFile();
                persistent.start();
                subscriber.connect(options(false));

                // then
                await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 3);
                assertThat(received).containsExactly("message 1", "message 2", "message 3");
                subscriber.disconnect();
            } finally {
                subscriber.close();
            }
        }
    }

    @Test
    void recordingBrokerKeepsWhatClientsSentAcrossARestart() throws Exception {
        // given
        try (EmbeddedMoquette recording = EmbeddedMoquette.builder().plain().recording().start()) {
            MqttClient client = RoundTrip.connect("tcp://" + recording.plainAddress(), null);
            try {
                RoundTrip.awaitSubscribable(client);

                // when
                client.subscribe("recorded/#", 1);
                client.publish("recorded/a", "first".getBytes(StandardCharsets.UTF_8), 1, false);
                client.unsubscribe("recorded/#");
                client.disconnect();
            } finally {
                client.close();
            }
            recording.stop();
            recording.start();
            RoundTrip.through("tcp://" + recording.plainAddress(), null);

            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.publishedPayloads().size() >= 4);
            assertThat(recording.publishedPayloads()).startsWith("", "first").last().asString().startsWith("hello");
            assertThat(recording.subscriptionPackets()).startsWith("SUBSCRIBE recorded/# 1", "UNSUBSCRIBE recorded/#");
        }
    }

    @Test
    void aBrokerBuiltWithoutRecordingSaysSo() {
        assertThatThrownBy(broker::publishedPayloads).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("recording()");
        assertThatThrownBy(broker::subscriptionPackets).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deniedSubscriptionsFailAndOthersWork() throws Exception {
        // given
        try (EmbeddedMoquette denying = EmbeddedMoquette.builder().plain().denySubscriptionsTo("secret").start()) {
            MqttClient client = RoundTrip.connect("tcp://" + denying.plainAddress(), null);
            try {
                RoundTrip.awaitSubscribable(client);

                // when
                int[] granted = client.subscribeWithResponse(new String[] {"secret/#", "open/#"}, new int[] {1, 1})
                    .getGrantedQos();

                // then
                assertThat(granted).containsExactly(0x80, 1);
                assertThat(client.isConnected()).isTrue();
                client.disconnect();
            } finally {
                client.close();
            }
        }
    }

    @Test
    void onlyTheOneUserIsAccepted() throws Exception {
        // given
        try (EmbeddedMoquette guarded = EmbeddedMoquette.builder().plain().onlyUser("alice", "s3cret").start()) {
            String uri = "tcp://" + guarded.plainAddress();

            // when / then
            assertThat(connectAs(uri, "alice", "s3cret")).isTrue();
            assertThat(connectAs(uri, "alice", "wrong")).isFalse();
            assertThat(connectAs(uri, "bob", "s3cret")).isFalse();
            assertThat(connectAs(uri, null, null)).isFalse();
        }
    }

    @Test
    void connectedClientsAreNamedByTheirIds() throws Exception {
        // given
        MqttClient client = RoundTrip.connect("tcp://" + broker.plainAddress(), null);
        try {
            // when / then
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.connectedClients().contains(client.getClientId()));
            client.disconnect();
            await().atMost(Duration.ofSeconds(5)).until(() -> !broker.connectedClients().contains(client.getClientId()));
        } finally {
            client.close();
        }
        assertThat(EmbeddedMoquette.builder().plain().build().connectedClients()).isEmpty();
    }

    @Test
    void otherSettingsReachMoquetteButNotThoseOfTheBuilder() throws Exception {
        // given a setting that lets a client connect without a client id
        try (EmbeddedMoquette lenient = EmbeddedMoquette.builder().plain()
            .setting("allow_zero_byte_client_id", "true").start()) {
            MqttClient client = new MqttClient("tcp://" + lenient.plainAddress(), "", new MemoryPersistence());
            try {
                // when / then
                client.connect(options(true));
                assertThat(client.isConnected()).isTrue();
                client.disconnect();
            } finally {
                client.close();
            }
        }
        assertThatThrownBy(() -> EmbeddedMoquette.builder().plain().setting("port", "1883").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    private static boolean connectAs(String uri, String user, String password) throws Exception {
        MqttClient client = new MqttClient(uri, "user-test", new MemoryPersistence());
        try {
            MqttConnectOptions options = options(true);
            if (user != null) {
                options.setUserName(user);
                options.setPassword(password.toCharArray());
            }
            client.connect(options);
            client.disconnect();
            return true;
        } catch (MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
            return false;
        } finally {
            client.close();
        }
    }

    private static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout(5);
        options.setAutomaticReconnect(false);
        return options;
    }

    private static MqttCallback collectingInto(List<String> received) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the test sees it as missing messages
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the subscriber publishes nothing
            }
        };
    }
}
