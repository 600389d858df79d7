package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttServiceException;

/**
 * The persistent queue inside the framework: messages accepted while the broker is down survive a stop and
 * start of the Tether bundle (its data area stays) and are delivered after it starts again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DurableQueueIT extends TetherTestSupport {

    private static final int MESSAGES = 25;

    @Test
    public void queuedMessagesSurviveARestartOfTheBundle() throws Exception {
        // given Tether configured for a broker that is down, with messages queued
        RemoteBroker broker = startBroker("moquette");
        broker.stop();
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", broker.server());
        properties.put("client_id", uniqueClientId("durable"));
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            stages.add(service.publish("durable/it", Integer.toString(i), 1, false).toCompletableFuture());
        }
        assertThat(service.status().queuedMessages()).isEqualTo(MESSAGES);

        // when the bundle stops (as in a framework shutdown), the broker comes up, and the bundle starts again
        Bundle tether = tetherBundle();
        tether.stop();
        for (CompletableFuture<Void> stage : stages) {
            assertThat(causeOf(stage)).isInstanceOf(MqttServiceException.class)
                .hasMessageContaining("stays in the queue file");
        }
        broker.start();
        TestClient witness = client(broker);
        witness.subscribe("durable/#", 1);
        tether.start();

        // then every message arrives, in order
        MqttService restarted = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(restarted, ConnectionState.CONNECTED, TIMEOUT);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(Integer.toString(i));
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(witness.payloads()).containsExactlyElementsOf(expected));
        await().atMost(TIMEOUT).until(() -> restarted.status().queuedMessages() == 0);
    }

    private static Throwable causeOf(CompletableFuture<Void> stage) throws Exception {
        try {
            stage.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
