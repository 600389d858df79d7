package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;

/** {@code cloud_events}: connection events posted to Felix EventAdmin, in a real framework against Moquette. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConnectionEventsIT extends TetherTestSupport {

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private RemoteBroker broker;
    /**
     * The client id of this test's connection: the events of an earlier test's connection (its
     * DISCONNECTED at shutdown is posted asynchronously) may still reach this test's handler.
     */
    private String clientId;

    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        return OptionUtils.combine(super.config(),
            mavenBundle("org.osgi", "org.osgi.service.event").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.eventadmin").versionAsInProject());
    }

    @Before
    public void listen() {
        broker = startBroker("moquette");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "dev/tether/mqtt/*");
        var registration = context.registerService(EventHandler.class, events::add, properties);
        closeAfter(registration::unregister);
    }

    private Map<String, Object> connection(String clientId) {
        this.clientId = clientId;
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", broker.server());
        properties.put("client_id", clientId);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        return properties;
    }

    @Test
    public void connectAndDisconnectArePostedWithTheirProperties() throws Exception {
        // given
        String clientId = uniqueClientId("events");
        configureDefault(connection(clientId));
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);

        // when connected, then the broker stops
        await().atMost(TIMEOUT).until(() -> topics().contains("dev/tether/mqtt/CONNECTED"));
        broker.stop();

        // then
        await().atMost(TIMEOUT).until(() -> topics().contains("dev/tether/mqtt/DISCONNECTED"));
        Event connected = event("dev/tether/mqtt/CONNECTED");
        assertThat(connected.getProperty("connection")).isEqualTo("default");
        assertThat(connected.getProperty("client_id")).isEqualTo(clientId);
        assertThat(connected.getProperty("server")).asString().endsWith(":" + broker.port());
        assertThat(connected.getProperty("state")).isEqualTo("CONNECTED");
        assertThat(event("dev/tether/mqtt/DISCONNECTED").getProperty("cause")).asString()
            .contains("lost");
        assertThat(service.state()).isNotEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    public void aFullQueueIsPostedOnce() throws Exception {
        // given a queue of three with the broker down
        broker.stop();
        Map<String, Object> properties = connection(uniqueClientId("overflow"));
        properties.put("max_queue_length", 3);
        properties.put("queue_persistence", "memory");
        configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);

        // when ten messages are published
        for (int i = 0; i < 10; i++) {
            service.publish("events/q", "m" + i, 1, false);
        }

        // then
        await().atMost(TIMEOUT).until(() -> topics().contains("dev/tether/mqtt/QUEUE_OVERFLOW"));
        assertThat(event("dev/tether/mqtt/QUEUE_OVERFLOW").getProperty("queued")).isEqualTo(3);
        assertThat(topics().stream().filter(topic -> topic.endsWith("QUEUE_OVERFLOW"))).hasSize(1);
    }

    @Test
    public void cloudEventsFalsePostsNothing() throws Exception {
        // given
        Map<String, Object> properties = connection(uniqueClientId("quiet"));
        properties.put("cloud_events", false);
        Configuration configuration = configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);

        // when
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);

        // then nothing was posted
        assertThat(topics()).isEmpty();

        // when it is switched on together with a new client id: ConfigAdmin delivers the change
        // asynchronously, and the reconnect the new id causes shows when it has been applied
        Map<String, Object> loud = connection(uniqueClientId("loud"));
        loud.put("cloud_events", true);
        update(configuration, loud);
        await().atMost(TIMEOUT).until(() -> topics().contains("dev/tether/mqtt/CONNECTED"));
        broker.stop();

        // then the next change is posted too (after the planned DISCONNECTED of the change itself)
        await().atMost(TIMEOUT).until(() -> ours().anyMatch(event -> event.getTopic()
            .equals("dev/tether/mqtt/DISCONNECTED") && String.valueOf(event.getProperty("cause")).contains("lost")));
        assertThat(service.state()).isNotEqualTo(ConnectionState.CONNECTED);
    }

    /** @return the topics of the events of this test's connection, in the order they came */
    private List<String> topics() {
        return ours().map(Event::getTopic).toList();
    }

    private Event event(String topic) {
        return ours().filter(event -> event.getTopic().equals(topic)).findFirst().orElseThrow();
    }

    private Stream<Event> ours() {
        return events.stream().filter(event -> clientId.equals(event.getProperty("client_id")));
    }
}
