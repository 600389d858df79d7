package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.mqtt.MqttService;

/** Without {@code enable=true} there is no connection and no {@code MqttService}. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DisabledConnectionIT extends TetherTestSupport {

    private static final Duration WINDOW = Duration.ofSeconds(3);

    private RemoteBroker broker;

    @Before
    public void startBroker() {
        broker = startBroker("moquette");
    }

    private Map<String, Object> properties(String clientId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server", broker.server());
        properties.put("client_id", clientId);
        return properties;
    }

    @Test
    public void noConfigurationMeansNoService() throws Exception {
        assertNoServiceDuring("*", WINDOW);
    }

    @Test
    public void enableFalseMeansNoServiceAndNoConnection() throws Exception {
        // given
        Map<String, Object> properties = properties(uniqueClientId("off"));
        properties.put("enable", false);

        // when
        configureDefault(properties);
        configureConnection("off", properties);

        // then
        assertNoServiceDuring("*", WINDOW);
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    public void enableLeftOutDefaultsToFalse() throws Exception {
        // when
        configureDefault(properties(uniqueClientId("default-off")));

        // then
        assertNoServiceDuring("*", WINDOW);
        assertThat(broker.connectedClients()).isEmpty();
    }

    @Test
    public void disablingUnregistersTheServiceAndDisconnects() throws Exception {
        // given
        String clientId = uniqueClientId("toggle");
        Map<String, Object> properties = properties(clientId);
        properties.put("enable", true);
        Configuration configuration = configureDefault(properties);
        awaitService(MqttService.DEFAULT_CONNECTION);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(broker.connectedClients()).contains(clientId));
        ServiceTracker<MqttService, MqttService> tracker = tracker(MqttService.DEFAULT_CONNECTION);

        // when
        properties.put("enable", false);
        update(configuration, properties);

        // then
        await().atMost(TIMEOUT).until(tracker::isEmpty);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(broker.connectedClients()).doesNotContain(clientId));
    }
}
