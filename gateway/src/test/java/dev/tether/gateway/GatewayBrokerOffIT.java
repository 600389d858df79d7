package dev.tether.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Ports;

/**
 * The gateway without its own broker: switched off with {@code -Dtether.broker=off}, or left out because its port is
 * taken. Tether then uses whatever broker its configuration names.
 */
class GatewayBrokerOffIT {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(25);
    private static final Pattern STATE_CONNECTED = Pattern.compile("\"state\"\\s*:\\s*\"CONNECTED\"");
    private static final Pattern ALL_BUNDLES_ACTIVE =
        Pattern.compile("^Tether gateway started in \\d+ ms: (\\d+) of \\1 bundles active$");

    @TempDir
    Path data;

    @Test
    void brokerOffConnectsToTheConfiguredBroker() throws Exception {
        try (EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().start();
             MqttProbe probe = MqttProbe.connect(broker.plainPort(), "tether/+/status")) {
            Files.createDirectories(data.resolve("conf"));
            Files.write(data.resolve("conf").resolve("dev.tether.mqtt.cfg"),
                List.of("enable=true", "server=localhost:" + broker.plainPort()), StandardCharsets.UTF_8);

            try (GatewayProcess gateway = GatewayProcess.builder(data).property("tether.broker", "off").start()) {
                GatewayProcess.Connected connected = gateway.awaitConnected();

                assertThat(gateway.output()).as("the banner says the embedded broker is off")
                    .anyMatch(line -> line.contains("embedded broker off"))
                    .noneMatch(line -> line.contains("embedded Moquette on"));
                assertThat(connected.server()).isIn("localhost:" + broker.plainPort(),
                    "tcp://localhost:" + broker.plainPort());
                assertThat(Ports.accepts(gateway.brokerPort())).as("nothing listens on tether.broker.port").isFalse();
                MqttProbe.Message health = probe.await("the example's health message at the test's broker",
                    message -> message.topic().equals("tether/" + connected.clientId() + "/status")
                        && STATE_CONNECTED.matcher(message.payload()).find(),
                    HEALTH_TIMEOUT);
                assertThat(health.payload()).contains("uptime");
                assertThat(data.resolve("conf").resolve("dev.tether.mqtt.cfg")).as("the operator's file, kept")
                    .content(StandardCharsets.UTF_8).contains("server=localhost:" + broker.plainPort());
            }
        }
    }

    @Test
    void brokerPortInUseIsReportedAndTheGatewayStillStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            try (GatewayProcess gateway = GatewayProcess.builder(data).property("tether.broker.port", port).start()) {
                String started = gateway.awaitLine("'Tether gateway started in ...'",
                    line -> line.startsWith("Tether gateway started in "), GatewayProcess.START_TIMEOUT);

                assertThat(gateway.output()).as("a line that says port %d is in use", port)
                    .anyMatch(line -> line.contains(String.valueOf(port)) && line.contains("in use"))
                    .noneMatch(line -> line.contains("embedded Moquette on"))
                    .noneMatch(line -> line.contains("NOT ACTIVE"));
                assertThat(started).matches(ALL_BUNDLES_ACTIVE);
                HttpResponse<String> console = gateway.get("/system/console/configMgr", true);
                assertThat(console.statusCode()).as("the web console as admin").isEqualTo(200);
                assertThat(console.body()).contains("dev.tether.mqtt");
            }
        }
    }
}
