package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

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

    @Test
    public void aBundleThatPublishesTheMomentTheServiceAppearsFindsTheQueueReady() throws Exception {
        // given a bundle that publishes QoS 1 from the service's registration event, as a consumer may
        RemoteBroker broker = startBroker("moquette");
        broker.stop();
        List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
        ServiceListener publisher = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                MqttService service = (MqttService) context.getService(event.getServiceReference());
                stages.add(service.publish("early/it", "first", 1, false).toCompletableFuture());
            }
        };
        context.addServiceListener(publisher, "(&(objectClass=" + MqttService.class.getName() + ")("
            + MqttService.CONNECTION_PROPERTY + "=early))");
        try {
            // when the connection is configured, for a broker that is down
            Map<String, Object> properties = new HashMap<>();
            properties.put("enable", true);
            properties.put("server", broker.server());
            properties.put("client_id", uniqueClientId("early"));
            configureConnection("early", properties);

            // then that publish went into the queue: the service appeared with its settings applied (it was once
            // registered first, and refused such a publish as a full queue of max_queue_length=0)
            await().atMost(TIMEOUT).until(() -> stages.size() == 1);
            assertThat(stages.get(0)).isNotCompletedExceptionally();
            assertThat(awaitService("early").status().queuedMessages()).isEqualTo(1);
        } finally {
            context.removeServiceListener(publisher);
        }
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
