package dev.tether.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultProxyTest {

    private static final Duration CLOSE_SEEN_WITHIN = Duration.ofSeconds(2);

    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoAndProxy() throws IOException {
        echo = EchoServer.start();
        proxy = FaultProxy.start(echo.port());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        echo.close();
    }

    @Test
    void bytesPassBothWays() throws Exception {
        // given
        byte[] payload = new byte[300 * 1024];
        new Random(42).nextBytes(payload);

        try (Socket client = connect()) {
            // when: far more than one 16 KiB chunk, written while the echo is read
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    client.getOutputStream().write(payload);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] echoed = client.getInputStream().readNBytes(payload.length);

            // then
            written.get(5, TimeUnit.SECONDS);
            assertThat(echoed).isEqualTo(payload);
            assertThat(proxy.openConnections()).isEqualTo(1);
            assertThat(proxy.connectionsAccepted()).isEqualTo(1);
        }
        soon().atMost(Duration.ofSeconds(2)).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void dropConnectionsResetsBothSidesAndNewConnectionsWork() throws Exception {
        // given
        try (Socket client = connect()) {
            assertEchoes(client, "before");
            EchoServer.Accepted brokerSide = echo.accepted().get(0);

            // when
            proxy.dropConnections();

            // then
            assertSeesClosed(client);
            brokerSide.ended.get(CLOSE_SEEN_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(proxy.openConnections()).isZero();
        }
        try (Socket again = connect()) {
            assertEchoes(again, "after");
        }
        assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void blackholeSwallowsEverythingButKeepsTheConnection() throws Exception {
        // given
        try (Socket client = connect()) {
            assertEchoes(client, "before");
            EchoServer.Accepted brokerSide = echo.accepted().get(0);
            int receivedBefore = brokerSide.received().length;

            // when
            proxy.blackhole(true);
            client.getOutputStream().write("into the void".getBytes(StandardCharsets.UTF_8));

            // then: no answer and no end of stream, only the read timeout
            assertTimesOut(client);
            assertThat(client.isConnected()).isTrue();
            assertThat(client.isClosed()).isFalse();
            assertThat(brokerSide.received()).hasSize(receivedBefore);
            assertThat(brokerSide.ended).isNotDone();
            assertThat(proxy.openConnections()).isEqualTo(1);

            // and a new connection is accepted, but just as silent, and never reaches the target
            try (Socket blackholed = connect()) {
                blackholed.getOutputStream().write("hello?".getBytes(StandardCharsets.UTF_8));
                assertTimesOut(blackholed);
                assertThat(proxy.connectionsAccepted()).isEqualTo(2);
                assertThat(echo.accepted()).hasSize(1);
            }

            // when
            proxy.blackhole(false);

            // then: new connections are forwarded, the blackholed one stays silent
            try (Socket again = connect()) {
                assertEchoes(again, "after");
            }
            client.getOutputStream().write("still there?".getBytes(StandardCharsets.UTF_8));
            assertTimesOut(client);
            assertThat(brokerSide.received()).hasSize(receivedBefore);
        }
    }

    @Test
    void refuseClosesNewConnectionsAtOnce() throws Exception {
        // given
        proxy.refuse(true);

        // when
        Socket refused = new Socket();
        try (refused) {
            refused.connect(new InetSocketAddress(Ports.LOOPBACK, proxy.port()), 2_000);
            // then
            assertSeesClosed(refused);
        } catch (SocketException e) {
            // then: the reset can come before connect() has returned
            assertThat(e).hasMessageContaining("reset");
        }
        soon().atMost(CLOSE_SEEN_WITHIN).until(() -> proxy.connectionsAccepted() == 1);
        assertThat(proxy.openConnections()).isZero();
        assertThat(echo.accepted()).isEmpty();

        // and when
        proxy.refuse(false);

        // then
        try (Socket client = connect()) {
            assertEchoes(client, "back up");
        }
    }

    @Test
    void delayAddsLatencyInBothDirections() throws Exception {
        // given
        Duration latency = Duration.ofMillis(200);
        try (Socket client = connect()) {
            assertEchoes(client, "warm up");
            proxy.delay(latency);

            // when
            long start = System.nanoTime();
            assertEchoes(client, "slow");
            long took = System.nanoTime() - start;

            // then: one chunk each way, each held for the latency
            assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(latency.multipliedBy(2));

            // and when
            proxy.delay(Duration.ZERO);

            // then: the same connection forwards without added latency (no upper bound asserted)
            assertEchoes(client, "fast");
        }
    }

    @Test
    void cutAfterBytesForwardsThatManyBytesThenClosesBothSides() throws Exception {
        // given
        byte[] tenBytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        proxy.cutAfterBytes(5);

        try (Socket client = connect()) {
            // when
            client.getOutputStream().write(tenBytes);

            // then
            soon().atMost(CLOSE_SEEN_WITHIN).until(() -> !echo.accepted().isEmpty());
            byte[] received = echo.accepted().get(0).ended.get(CLOSE_SEEN_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(received).isEqualTo(Arrays.copyOf(tenBytes, 5));
            assertSeesClosed(client);
        }

        // and the cut was one-shot
        try (Socket again = connect()) {
            again.getOutputStream().write(tenBytes);
            assertThat(again.getInputStream().readNBytes(tenBytes.length)).isEqualTo(tenBytes);
        }
    }

    @Test
    void closeStopsListeningAndEndsEveryThread() throws Exception {
        // given
        int port = proxy.port();
        String threadPrefix = "fault-proxy-" + port + "-";
        Socket client = connect();
        assertEchoes(client, "open");
        assertThat(threadsNamed(threadPrefix)).isGreaterThanOrEqualTo(3);

        // when
        proxy.close();

        // then
        assertThat(Ports.accepts(port)).isFalse();
        assertSeesClosed(client);
        client.close();
        soon().atMost(Duration.ofSeconds(2)).until(() -> threadsNamed(threadPrefix) == 0);
        assertThat(proxy.openConnections()).isZero();
    }

    @Test
    void mqttClientThroughTheProxyLosesItsConnectionWhenDropped() throws Exception {
        try (EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().start();
             FaultProxy mqttProxy = FaultProxy.start(broker.plainPort())) {
            // given
            CompletableFuture<Throwable> lost = new CompletableFuture<>();
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttProxy.port(),
                "fault-proxy-test-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
            try {
                client.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                        lost.complete(cause);
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        // the subscription's own listener receives
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                        // published synchronously
                    }
                });
                MqttConnectOptions options = new MqttConnectOptions();
                options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                options.setCleanSession(true);
                options.setConnectionTimeout(5);
                options.setAutomaticReconnect(false);
                client.connect(options);
                RoundTrip.awaitSubscribable(client);

                String topic = "tether/fault-proxy/" + UUID.randomUUID();
                CompletableFuture<String> received = new CompletableFuture<>();
                client.subscribe(topic, 1, (t, message) ->
                    received.complete(new String(message.getPayload(), StandardCharsets.UTF_8)));
                client.publish(topic, "through the proxy".getBytes(StandardCharsets.UTF_8), 1, false);
                assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("through the proxy");
                assertThat(mqttProxy.openConnections()).isEqualTo(1);

                // when
                mqttProxy.dropConnections();

                // then
                assertThat(lost.get(5, TimeUnit.SECONDS)).isNotNull();
                assertThat(client.isConnected()).isFalse();
            } finally {
                client.close(true);
            }
        }
    }

    @Test
    void controlsRejectNonsense() {
        assertThatThrownBy(() -> proxy.cutAfterBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proxy.delay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultProxy.start(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(Ports.LOOPBACK, proxy.port()), 2_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void assertEchoes(Socket client, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.getOutputStream().write(bytes);
        assertThat(new String(client.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8))
            .isEqualTo(text);
    }

    /** The next reads end with -1 or an error (a reset) within 2 s; whatever was in flight before may come first. */
    private static void assertSeesClosed(Socket client) throws IOException {
        client.setSoTimeout((int) CLOSE_SEEN_WITHIN.toMillis());
        InputStream in = client.getInputStream();
        byte[] buffer = new byte[1024];
        long deadline = System.nanoTime() + CLOSE_SEEN_WITHIN.toNanos();
        try {
            while (in.read(buffer) >= 0) {
                assertThat(System.nanoTime() - deadline).as("still open after %s", CLOSE_SEEN_WITHIN).isNegative();
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + CLOSE_SEEN_WITHIN, e);
        } catch (IOException e) {
            // reset: closed as well
        }
    }

    /** A read with a 500 ms timeout times out: neither data nor the end of the stream comes. */
    private static void assertTimesOut(Socket client) throws IOException {
        client.setSoTimeout(500);
        assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    }

    /** Awaitility polling every 10 ms from the start: the conditions here hold within milliseconds. */
    private static ConditionFactory soon() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
            .count();
    }
}
