package dev.tether.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built jar as {@code java -jar} in a child process, as an operator would, on free ports and a temporary
 * data folder, and checks the embedded broker, Tether's connection to it and the web console.
 */
class GatewayJarIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String CONNECTED = "Tether connected to ";

    @TempDir
    Path data;

    private int brokerPort;
    private int httpPort;
    private Process gateway;
    private Thread pump;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startGateway() throws IOException {
        Path jar = Path.of(System.getProperty("gateway.jar", "target/tether-gateway-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged gateway jar").exists();
        brokerPort = freePort();
        httpPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        gateway = new ProcessBuilder(java,
            "-Dtether.broker.port=" + brokerPort,
            "-Dtether.http.port=" + httpPort,
            "-Dtether.data=" + data,
            "-jar", jar.toString())
            .redirectErrorStream(true)
            .start();
        // stdin closed: no terminal, as under a service manager
        gateway.getOutputStream().close();
        pump = new Thread(this::collectOutput, "gateway-output");
        pump.start();
    }

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway == null) {
            return;
        }
        // SIGTERM through the handle: Process.destroy() also closes our end of stdout, losing the shutdown lines
        gateway.toHandle().destroy();
        boolean exited = gateway.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(exited).as("the gateway exits on SIGTERM within 30 s").isTrue();
        assertThat(output).as("the shutdown hook ran to its end").contains("[gateway] stopped");
    }

    @Test
    void startsBrokerFrameworkTetherAndConsole() throws Exception {
        await("the '" + CONNECTED + "' line").atMost(START_TIMEOUT)
            .failFast("the gateway exited", () -> !gateway.isAlive())
            .until(() -> output.stream().anyMatch(line -> line.startsWith(CONNECTED)));

        assertThat(output).anyMatch(line -> line.contains("/system/console/configMgr"))
            .anyMatch(line -> line.contains("embedded Moquette on 127.0.0.1:" + brokerPort))
            .noneMatch(line -> line.contains("NOT ACTIVE"));
        assertThat(output.stream().filter(line -> line.startsWith(CONNECTED)).findFirst().orElseThrow())
            .contains("localhost:" + brokerPort);
        assertThat(data.resolve("conf").resolve("dev.tether.mqtt.cfg")).content(StandardCharsets.UTF_8)
            .contains("enable=true", "server=localhost:" + brokerPort);

        assertMessageRoundTrips();
        assertConsoleAnswers();
    }

    private void assertMessageRoundTrips() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + brokerPort, "gateway-it", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        client.connect(options);
        try {
            List<String> received = new CopyOnWriteArrayList<>();
            client.subscribe("gateway/it/#", 1,
                (topic, message) -> received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("gateway/it/ping", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            await("the message back from the broker").atMost(Duration.ofSeconds(10))
                .until(() -> received.contains("gateway/it/ping=hello"));
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private void assertConsoleAnswers() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI configMgr = URI.create("http://127.0.0.1:" + httpPort + "/system/console/configMgr");
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(configMgr).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("without a login").isEqualTo(401);

        HttpResponse<String> admin = http.send(
            HttpRequest.newBuilder(configMgr).header("Authorization", basic).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).as("as admin/admin").isEqualTo(200);
        assertThat(admin.body()).contains("dev.tether.mqtt");
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                System.out.println("[gateway] " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
