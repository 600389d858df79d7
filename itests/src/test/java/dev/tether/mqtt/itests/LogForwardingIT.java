package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;

/**
 * {@code debug.stdout_topic}, {@code debug.stderr_topic}, {@code debug.level}, {@code debug.format}: the framework's
 * log (Felix Log's LogReaderService) published over a real connection to Mosquitto. Not Moquette 0.17: it cut off
 * the tail of the 1,000-entry QoS 0 burst sent after a reconnect (665 to 842 arrived, in order, in 5 of 7 runs).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LogForwardingIT extends TetherTestSupport {

    private RemoteBroker broker;
    private TestClient observer;
    private Logger log;

    @Before
    public void startBrokerAndLogger() throws Exception {
        broker = startBroker("mosquitto");
        observer = client(broker);
        observer.subscribe("logs/#", 0);
        ServiceReference<LoggerFactory> factory = context.getServiceReference(LoggerFactory.class);
        log = context.getService(factory).getLogger("itest.logs");
    }

    private MqttService forward(Object... keyValues) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", broker.server());
        properties.put("client_id", uniqueClientId("logs"));
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        properties.put("debug.stdout_topic", "logs/out");
        properties.put("debug.stderr_topic", "logs/err");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        return service;
    }

    @Test
    public void entriesGoToTheirTopicFromTheLevelUpAndTetherDoesNotForwardItself() throws Exception {
        // given
        forward("debug.level", "info");

        // when, with probes until forwarding is seen
        publishUntil(payload -> log.info("probe {}", payload),
            () -> assertThat(observer.payloads("logs/out")).anyMatch(line -> line.contains("probe")));
        log.debug("a debug line");
        log.warn("a warning");
        log.error("an error", new IllegalStateException("boom"));
        log.info("the last info");

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(observer.payloads("logs/out")).anyMatch(line -> line.contains("INFO")
                && line.contains("the last info"));
            assertThat(observer.payloads("logs/err")).anyMatch(line -> line.contains("WARN")
                && line.contains("a warning"));
            assertThat(observer.payloads("logs/err")).anyMatch(line -> line.contains("ERROR")
                && line.contains("an error") && line.contains("boom"));
        });
        assertThat(observer.payloads()).noneMatch(line -> line.contains("a debug line"))
            .noneMatch(line -> line.contains("dev.tether.mqtt:"));
    }

    @Test
    public void jsonFormatCarriesTheFields() throws Exception {
        // given
        forward("debug.format", "json", "debug.level", "warn");

        // when
        publishUntil(payload -> log.warn("json {}", payload),
            () -> assertThat(observer.payloads("logs/err")).isNotEmpty());

        // then
        String entry = observer.payloads("logs/err").get(0);
        assertThat(entry).startsWith("{\"time\":\"").contains("\"level\":\"WARN\"", "\"logger\":\"itest.logs\"",
            "\"message\":\"json probe-");
        assertThat(observer.payloads("logs/out")).isEmpty();
    }

    @Test
    public void whileOfflineEntriesWaitUpToTheLimitAndTheDropsAreReported() throws Exception {
        // given forwarding, then the broker gone
        MqttService service = forward();
        publishUntil(payload -> log.info("before {}", payload),
            () -> assertThat(observer.payloads("logs/out")).isNotEmpty());
        broker.stop();
        await().atMost(TIMEOUT).until(() -> service.state() != ConnectionState.CONNECTED);

        // when 1,500 entries are logged while offline, then the broker comes back
        long started = System.nanoTime();
        for (int i = 0; i < 1500; i++) {
            log.info("offline {}", i);
        }
        Duration logging = Duration.ofNanos(System.nanoTime() - started);
        broker.start();
        TestClient after = client(broker);
        after.subscribe("logs/#", 0);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);

        // then the buffer's worth arrives (other bundles' entries may take a few of its 1,000 places), the first
        // ones in order, with a note of the drops; and logging never waited for the network
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(after.payloads()).anyMatch(line -> line.contains("log entries dropped"));
            List<String> offline = after.payloads().stream().filter(line -> line.contains(" offline ")).toList();
            assertThat(offline).hasSizeBetween(990, 1000);
            assertThat(offline.get(0)).endsWith(" offline 0");
            assertThat(offline.get(offline.size() - 1)).endsWith(" offline " + (offline.size() - 1));
        });
        assertThat(logging).isLessThan(Duration.ofSeconds(5));
    }
}
