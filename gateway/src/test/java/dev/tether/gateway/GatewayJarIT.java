package dev.tether.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built jar as {@code java -jar} in a child process, as an operator would, on free ports and a temporary
 * data folder, and checks the embedded broker, Tether's connection to it, the web console and the example bundle.
 */
class GatewayJarIT {

    /** The example publishes health on connect, then every interval_seconds (default 10): wait for the next one. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(25);
    private static final Pattern STATE_CONNECTED = Pattern.compile("\"state\"\\s*:\\s*\"CONNECTED\"");

    @TempDir
    Path data;

    private GatewayProcess gateway;

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void startsBrokerFrameworkTetherAndConsole() throws Exception {
        gateway = GatewayProcess.builder(data).start();

        GatewayProcess.Connected connected = gateway.awaitConnected();

        assertThat(gateway.output()).anyMatch(line -> line.contains("/system/console/configMgr"))
            .anyMatch(line -> line.contains("embedded Moquette on 127.0.0.1:" + gateway.brokerPort()))
            .noneMatch(line -> line.contains("NOT ACTIVE"));
        assertThat(connected.server()).contains("localhost:" + gateway.brokerPort());
        assertThat(gateway.confDir().resolve("dev.tether.mqtt.cfg")).content(StandardCharsets.UTF_8)
            .contains("enable=true", "server=localhost:" + gateway.brokerPort());
        assertMessageRoundTrips();
        assertConsoleAnswers();
    }

    @Test
    void aStopWhileTheGatewayStartsIsClean() throws Exception {
        gateway = GatewayProcess.builder(data).start();
        // the embedded broker listens a second before the launcher has started every bundle
        gateway.awaitListening(gateway.brokerPort());

        // exits in time with code 143, the shutdown hook's last line printed and no stack trace
        gateway.stop();

        assertThat(gateway.output()).as("the start ended before the stop began").containsSubsequence(
            gateway.output().stream().filter(line -> line.startsWith("Tether gateway started in ")).findFirst()
                .orElse("the banner"), "[gateway] stopping", "[gateway] stopped");
    }

    @Test
    void exampleBundleAnswersPingAndPublishesHealth() throws Exception {
        gateway = GatewayProcess.builder(data).start();
        // the broker listens seconds before Tether connects: subscribed by then, the probe sees the health message
        // the example sends on connect (otherwise the next one, interval_seconds later)
        gateway.awaitListening(gateway.brokerPort());
        try (MqttProbe probe = MqttProbe.connect(gateway.brokerPort(), "tether/+/reply", "tether/+/status")) {
            String clientId = gateway.awaitConnected().clientId();

            // the example's whiteboard subscription may come a moment after the connection: ping until it answers
            String reply = "tether/" + clientId + "/reply";
            await("'pong...' on " + reply).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    probe.publish("tether/" + clientId + "/cmd/ping", "it");
                    return probe.received().stream()
                        .anyMatch(message -> message.topic().equals(reply) && message.payload().startsWith("pong"));
                });
            MqttProbe.Message health = probe.await("a health message with state CONNECTED on tether/" + clientId
                    + "/status",
                message -> message.topic().equals("tether/" + clientId + "/status")
                    && STATE_CONNECTED.matcher(message.payload()).find(),
                HEALTH_TIMEOUT);

            assertThat(health.payload()).startsWith("{").endsWith("}").contains("uptime", "heap");
        }
    }

    private void assertMessageRoundTrips() throws Exception {
        try (MqttProbe probe = MqttProbe.connect(gateway.brokerPort(), "gateway/it/#")) {
            probe.publish("gateway/it/ping", "hello");

            probe.await("the message back from the broker",
                message -> message.equals(new MqttProbe.Message("gateway/it/ping", "hello")), Duration.ofSeconds(10));
        }
    }

    private void assertConsoleAnswers() throws Exception {
        HttpResponse<String> anonymous = gateway.get("/system/console/configMgr", false);
        assertThat(anonymous.statusCode()).as("without a login").isEqualTo(401);

        HttpResponse<String> admin = gateway.get("/system/console/configMgr", true);
        assertThat(admin.statusCode()).as("as admin/admin").isEqualTo(200);
        assertThat(admin.body()).contains("dev.tether.mqtt");
    }
}
