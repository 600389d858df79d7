package dev.tether.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.FaultProxy;
import dev.tether.mqtt.testing.Json;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;

/**
 * The gateway's {@code status_topic} as a fleet dashboard sees it, at a broker of the test's (the gateway's own
 * embedded broker is off, since it would die with the gateway): online while it runs, and the will's offline document
 * once the gateway process is killed with SIGKILL, retained for whoever looks later.
 *
 * <p>The brokers bend the specification each in its own way, so each test uses the one that keeps to it in what it
 * checks. The kill: Mosquitto (skipped where it is not installed), since Moquette 0.17 publishes a will but ignores its
 * Will Retain flag [MQTT-3.1.2-17] ({@code PostOffice.fireWill} only forwards it), so at Moquette the topic would go
 * on reading the last online status for every later subscriber. The silent network: Moquette, whose idle timer ends
 * a silent client 1.5 keep-alives after its last packet [MQTT-3.1.2-24], where Mosquitto 2.0.11 took 8 s for a
 * keep-alive of 2 s and 12 s for 4 s (measured here).
 */
class GatewayStatusTopicIT {

    private static final int KEEP_ALIVE_SECONDS = 2;
    /** A broker declares a client dead after 1.5 times its keep-alive without a packet [MQTT-3.1.2-24]. */
    private static final Duration KEEP_ALIVE_DEADLINE = Duration.ofMillis(KEEP_ALIVE_SECONDS * 1500L);
    /** Moquette counts the deadline in whole seconds on Netty's idle timer, and the test polls: a margin for both. */
    private static final Duration TIMER_MARGIN = Duration.ofSeconds(1);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path data;

    private GatewayProcess gateway;

    static boolean mosquittoInstalled() {
        return MosquittoProcess.available();
    }

    private MosquittoProcess mosquitto() throws Exception {
        return MosquittoProcess.builder(data.resolve("mosquitto")).listener("plain", Listener.plain()).start();
    }

    /** A gateway the test did not get to kill is stopped as usual. */
    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway != null && process(gateway).isPresent()) {
            gateway.close();
        }
    }

    @Test
    @EnabledIf("mosquittoInstalled")
    void aKilledGatewaysStatusTopicReadsOffline() throws Exception {
        try (MosquittoProcess broker = mosquitto();
             MqttProbe dashboard = MqttProbe.connect(broker.port("plain"), "fleet/+/status")) {
            // given a gateway connected to the test's broker with status_topic fleet/{client_id}/status, keep_alive 2
            configure(broker.port("plain"));
            gateway = GatewayProcess.builder(data).property("tether.broker", "off").start();
            String clientId = gateway.awaitConnected().clientId();
            String topic = "fleet/" + clientId + "/status";
            Map<String, Object> online = Json.object(dashboard.await("the online status on " + topic,
                message -> message.topic().equals(topic) && message.payload().contains("\"online\""),
                STATUS_TIMEOUT).payload());
            assertThat(online).containsEntry("connection", "default").containsEntry("client_id", clientId)
                .containsEntry("state", "CONNECTED");

            // when the gateway process is killed with SIGKILL: no DISCONNECT, no shutdown hook
            long killed = kill(gateway);

            // then the broker publishes the will, within keep_alive x 1.5: the topic says offline
            MqttProbe.Message offline = dashboard.await("the offline status on " + topic,
                message -> message.topic().equals(topic) && message.payload().contains("\"offline\""),
                STATUS_TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("[test] offline " + took.toMillis() + " ms after the kill");
            assertThat(took).as("from the kill to the offline status").isLessThanOrEqualTo(KEEP_ALIVE_DEADLINE);
            assertThat(Json.object(offline.payload())).isEqualTo(Map.of("status", "offline",
                "connection", "default", "client_id", clientId));
            assertRetainedOffline(broker.port("plain"), topic, clientId);
        }
    }

    @Test
    void aGatewayCutOffSilentlyReadsOfflineAfterItsKeepAlive() throws Exception {
        try (EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().start();
             FaultProxy network = FaultProxy.start(broker.plainPort());
             MqttProbe dashboard = MqttProbe.connect(broker.plainPort(), "fleet/+/status")) {
            // given a gateway connected through a network the test controls, with keep_alive 2
            configure(network.port());
            gateway = GatewayProcess.builder(data).property("tether.broker", "off").start();
            String clientId = gateway.awaitConnected().clientId();
            String topic = "fleet/" + clientId + "/status";
            dashboard.await("the online status on " + topic,
                message -> message.topic().equals(topic) && message.payload().contains("\"online\""),
                STATUS_TIMEOUT);

            // when the network goes silent (no FIN or RST reaches the broker, as in a power cut) and the gateway dies
            network.blackhole(true);
            long silent = System.nanoTime();
            kill(gateway);

            // then only the broker's keep-alive timer can notice: it publishes the will within keep_alive x 1.5
            MqttProbe.Message offline = dashboard.await("the offline status on " + topic,
                message -> message.topic().equals(topic) && message.payload().contains("\"offline\""),
                STATUS_TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - silent);
            System.out.println("[test] offline " + took.toMillis() + " ms after the network went silent");
            assertThat(took).as("from the silence to the offline status")
                .isLessThanOrEqualTo(KEEP_ALIVE_DEADLINE.plus(TIMER_MARGIN));
            assertThat(Json.object(offline.payload())).containsEntry("status", "offline")
                .containsEntry("client_id", clientId);
        }
    }

    @Test
    void anOrderlyStoppedGatewaysStatusTopicReadsOffline() throws Exception {
        try (EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().start();
             MqttProbe dashboard = MqttProbe.connect(broker.plainPort(), "fleet/+/status")) {
            // given a gateway that published its online status
            configure(broker.plainPort());
            gateway = GatewayProcess.builder(data).property("tether.broker", "off").start();
            String clientId = gateway.awaitConnected().clientId();
            String topic = "fleet/" + clientId + "/status";
            dashboard.await("the online status on " + topic,
                message -> message.topic().equals(topic) && message.payload().contains("\"online\""),
                STATUS_TIMEOUT);

            // when it is stopped with SIGTERM, as a service manager stops it: Tether disconnects, the will is dropped
            gateway.close();

            // then the topic reads offline all the same, retained (a plain retained message: Moquette keeps it)
            assertRetainedOffline(broker.plainPort(), topic, clientId);
        }
    }

    private void configure(int brokerPort) throws Exception {
        Files.createDirectories(data.resolve("conf"));
        Files.write(data.resolve("conf").resolve("dev.tether.mqtt.cfg"), List.of(
            "enable=true",
            "server=127.0.0.1:" + brokerPort,
            "keep_alive=" + KEEP_ALIVE_SECONDS,
            "status_topic=fleet/{client_id}/status"), StandardCharsets.UTF_8);
    }

    /** A dashboard that connects only now gets the offline document: the broker kept it. */
    private static void assertRetainedOffline(int brokerPort, String topic, String clientId) throws Exception {
        try (MqttProbe late = MqttProbe.connect(brokerPort, topic)) {
            MqttProbe.Message retained = late.await("the retained status on " + topic, message -> true,
                STATUS_TIMEOUT);
            assertThat(Json.object(retained.payload())).containsEntry("status", "offline")
                .containsEntry("client_id", clientId);
        }
    }

    /**
     * Kills the gateway with SIGKILL ({@link ProcessHandle#destroyForcibly()}), found among this JVM's children by its
     * {@code tether.data}, and waits until it is gone. {@link GatewayProcess#close()}, which asserts a clean exit, is
     * not for a killed gateway.
     *
     * @return {@link System#nanoTime()} just before the kill
     */
    private static long kill(GatewayProcess gateway) throws Exception {
        ProcessHandle process = process(gateway)
            .orElseThrow(() -> new AssertionError("no gateway process with tether.data " + gateway.dataDir()));
        long now = System.nanoTime();
        assertThat(process.destroyForcibly()).as("SIGKILL sent").isTrue();
        process.onExit().get(10, TimeUnit.SECONDS);
        return now;
    }

    /** @return the live child process of this JVM that runs the gateway on its {@code tether.data} */
    private static Optional<ProcessHandle> process(GatewayProcess gateway) {
        String dataArgument = "-Dtether.data=" + gateway.dataDir();
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
            .filter(child -> child.info().arguments().map(Arrays::asList).orElse(List.of()).contains(dataArgument))
            .findFirst();
    }
}
