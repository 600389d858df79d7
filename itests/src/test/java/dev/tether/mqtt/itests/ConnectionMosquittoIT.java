package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.osgi.framework.ServiceRegistration;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.SubscriptionStatus;

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

    @Test
    public void aWhiteboardListenerWithNoLocalDoesNotHearItsOwnConnection() throws Exception {
        // given on one MQTT 5 connection a whiteboard listener with mqtt.no_local on it/nolocal/x, and one without
        // on the overlapping it/nolocal/+
        configureConnection("local", connectionTo(broker, uniqueClientId("local")));
        MqttService local = awaitService("local");
        awaitState(local, ConnectionState.CONNECTED, TIMEOUT);
        Recorder deaf = new Recorder();
        whiteboard(deaf, "local", "it/nolocal/x", MqttMessageListener.NO_LOCAL_PROPERTY, true);
        Recorder hearing = new Recorder();
        whiteboard(hearing, "local", "it/nolocal/+");
        awaitGranted(local, "it/nolocal/x", "it/nolocal/+");

        // when the connection itself publishes, then another client
        complete(local.publish("it/nolocal/x", "mine", 1, false));
        client(broker).publish("it/nolocal/x", "theirs", 1);

        // then the listener without No Local hears both, the one with it only the other client
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(hearing.payloads()).containsExactlyInAnyOrder("mine", "theirs");
            assertThat(deaf.payloads()).contains("theirs");
        });
        assertThat(deaf.payloads()).containsExactly("theirs");
    }

    @Test
    public void aWhiteboardListenerWithRetainHandlingDoNotSendGetsNoRetainedMessage() throws Exception {
        // given a retained message on it/retained/x
        configureConnection("retain", connectionTo(broker, uniqueClientId("retain")));
        MqttService service = awaitService("retain");
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        complete(service.publish("it/retained/x", "kept", 1, true));
        closeAfter(() -> service.publish("it/retained/x", new byte[0], 1, true));

        // when a listener with mqtt.retain_handling=do_not_send subscribes to it, and one without to it/retained/+
        Recorder fresh = new Recorder();
        whiteboard(fresh, "retain", "it/retained/x", MqttMessageListener.RETAIN_HANDLING_PROPERTY, "do_not_send");
        Recorder everything = new Recorder();
        whiteboard(everything, "retain", "it/retained/+");
        awaitGranted(service, "it/retained/x", "it/retained/+");
        client(broker).publish("it/retained/x", "live", 1);

        // then only the listener without it gets the retained message; both get what is published live
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(everything.payloads()).containsExactlyInAnyOrder("kept", "live");
            assertThat(fresh.payloads()).contains("live");
        });
        assertThat(fresh.payloads()).containsExactly("live");
    }

    private void whiteboard(Recorder listener, String connection, String topic, String option, Object value) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MqttMessageListener.TOPIC_PROPERTY, topic);
        properties.put(MqttMessageListener.QOS_PROPERTY, 1);
        properties.put(MqttService.CONNECTION_PROPERTY, connection);
        properties.put(option, value);
        ServiceRegistration<MqttMessageListener> registration = context.registerService(MqttMessageListener.class,
            listener, properties);
        closeAfter(registration::unregister);
    }

    /** Waits until the broker granted every filter: the whiteboard's SUBSCRIBEs were answered. */
    private static void awaitGranted(MqttService service, String... filters) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(service.status().subscriptions().stream()
            .filter(subscription -> subscription.grantedQos().isPresent()).map(SubscriptionStatus::topicFilter))
            .contains(filters));
    }

    /** @return the jobs a worker received, without late probes */
    private static List<String> jobs(Recorder worker) {
        return worker.payloads().stream().filter(payload -> payload.startsWith("job-")).toList();
    }
}
