package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import org.junit.Before;
import org.junit.Test;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttServiceException;

/**
 * What happens while the broker is down and after it comes back on the same port, against one
 * kind of broker (see the {@code *IT} subclasses).
 */
public abstract class OutageScenarios extends TetherTestSupport {

    /** reconnect_timeout_min is 1 s and max 2 s: the reconnect must follow within this. */
    private static final Duration RECONNECT = Duration.ofSeconds(1 + 5);

    private RemoteBroker broker;
    private MqttService service;

    /** @return {@code moquette} or {@code mosquitto} */
    protected abstract String brokerKind();

    @Before
    public void connect() throws Exception {
        broker = startBroker(brokerKind());
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", broker.server());
        properties.put("client_id", uniqueClientId("outage"));
        properties.put("keep_alive", 5);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 2);
        properties.put("max_queue_length", 10);
        configureDefault(properties);
        service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
    }

    @Test
    public void reconnectsAndResubscribesAfterBrokerRestart() throws Exception {
        // given
        List<String> events = new CopyOnWriteArrayList<>();
        closeAfter(service.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(ConnectionStatus status) {
                events.add("connected");
            }

            @Override
            public void disconnected(ConnectionStatus status, Throwable cause) {
                events.add("disconnected");
            }
        }));
        Recorder direct = new Recorder();
        complete(closeAfter(service.subscribe("re/#", 1, direct)).acknowledged());
        Recorder board = new Recorder();
        whiteboard(board, null, "re/#");
        TestClient before = client(broker);
        publishUntil(payload -> before.publish("re/before", payload, 1),
            () -> assertThat(direct.topics()).contains("re/before"),
            () -> assertThat(board.topics()).contains("re/before"));
        before.close();

        // when
        broker.stop();
        awaitState(service, ConnectionState.DISCONNECTED, TIMEOUT);
        broker.start();

        // then
        awaitState(service, ConnectionState.CONNECTED, RECONNECT);
        assertThat(events).containsSubsequence("disconnected", "connected");
        TestClient after = client(broker);
        after.publish("re/after", "after restart", 1);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(direct.payloads("re/after")).as("direct subscription").containsExactly("after restart");
            assertThat(board.payloads("re/after")).as("whiteboard listener").containsExactly("after restart");
        });
    }

    @Test
    public void qos1PublishedDuringOutageArriveInOrderAfterRestart() throws Exception {
        // given
        Recorder recorder = new Recorder();
        complete(closeAfter(service.subscribe("queue/#", 1, recorder)).acknowledged());
        broker.stop();
        awaitState(service, ConnectionState.DISCONNECTED, TIMEOUT);

        // when
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(service.publish("queue/m", "m" + i, 1, false).toCompletableFuture());
        }
        assertThat(sent).noneMatch(CompletableFuture::isDone);
        assertThat(service.status().queuedMessages()).isEqualTo(5);
        broker.start();

        // then
        awaitState(service, ConnectionState.CONNECTED, RECONNECT);
        CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).get(TIMEOUT.toSeconds(),
            java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(TIMEOUT).untilAsserted(
            () -> assertThat(recorder.payloads("queue/m")).containsExactly("m0", "m1", "m2", "m3", "m4"));
    }

    @Test
    public void qos0DuringOutageFailsWithNotConnected() throws Exception {
        // given
        broker.stop();
        awaitState(service, ConnectionState.DISCONNECTED, TIMEOUT);

        // when
        CompletableFuture<Void> sent = service.publish("queue/x", "lost", 0, false).toCompletableFuture();

        // then
        assertReason(sent, MqttServiceException.Reason.NOT_CONNECTED);
    }

    @Test
    public void qos1BeyondMaxQueueLengthFailsWithQueueFull() throws Exception {
        // given max_queue_length 10, already full
        broker.stop();
        awaitState(service, ConnectionState.DISCONNECTED, TIMEOUT);
        for (int i = 0; i < 10; i++) {
            service.publish("queue/full", "q" + i, 1, false);
        }

        // when
        CompletableFuture<Void> sent = service.publish("queue/full", "one too many", 1, false).toCompletableFuture();

        // then
        assertReason(sent, MqttServiceException.Reason.QUEUE_FULL);
    }

    private static void assertReason(CompletableFuture<Void> stage, MqttServiceException.Reason reason) {
        await().atMost(TIMEOUT).until(stage::isDone);
        assertThat(stage).isCompletedExceptionally();
        try {
            stage.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MqttServiceException.class);
            assertThat(((MqttServiceException) e.getCause()).reason()).isEqualTo(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
