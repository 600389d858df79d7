package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;

/**
 * {@link ConnectionScenarios} against Mosquitto on MQTT 5, and what only Mosquitto of the two brokers supports: shared
 * subscriptions. Skipped where Mosquitto is not installed.
 */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
public class ConnectionMosquittoIT extends ConnectionScenarios {

    @Override
    protected String brokerKind() {
        return "mosquitto";
    }

    @Override
    protected String protocolVersion() {
        return "5";
    }

    @Override
    protected String expectedProtocol() {
        return "5";
    }

    @Test
    public void twoInstancesSplitASharedSubscriptionBetweenThem() throws Exception {
        // given two Tether connections (two clients at the broker) in one share group
        configureConnection("worker1", connectionTo(broker, uniqueClientId("worker1")));
        configureConnection("worker2", connectionTo(broker, uniqueClientId("worker2")));
        MqttService worker1 = awaitService("worker1");
        MqttService worker2 = awaitService("worker2");
        awaitState(worker1, ConnectionState.CONNECTED, TIMEOUT);
        awaitState(worker2, ConnectionState.CONNECTED, TIMEOUT);
        Recorder first = new Recorder();
        complete(closeAfter(worker1.subscribe("$share/workers/jobs/#", 1, first)).acknowledged());
        Recorder second = new Recorder();
        whiteboard(second, "worker2", "$share/workers/jobs/#");
        await().atMost(TIMEOUT).until(() -> worker2.status().subscriptions().stream()
            .anyMatch(subscription -> subscription.topicFilter().equals("$share/workers/jobs/#")));
        TestClient producer = client(broker);
        // the whiteboard's SUBSCRIBE may still be on its way: wait until a probe reaches the group's second member
        publishUntil(payload -> producer.publish("jobs/probe", payload, 1),
            () -> assertThat(second.topics()).contains("jobs/probe"));

        // when forty jobs are published
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add("job-" + i);
            producer.publish("jobs/" + i, "job-" + i, 1);
        }

        // then each job arrives once, at one of the two, and both have work
        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<String> all = new ArrayList<>(jobs(first));
            all.addAll(jobs(second));
            assertThat(all).containsExactlyInAnyOrderElementsOf(jobs);
        });
        assertThat(jobs(first)).isNotEmpty();
        assertThat(jobs(second)).isNotEmpty();
    }

    /** @return the jobs a worker received, without late probes */
    private static List<String> jobs(Recorder worker) {
        return worker.payloads().stream().filter(payload -> payload.startsWith("job-")).toList();
    }
}
