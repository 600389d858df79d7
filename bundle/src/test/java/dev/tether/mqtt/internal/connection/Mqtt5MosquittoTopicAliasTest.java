package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/** Topic aliases towards Mosquitto 2.0.11: the topics arrive intact, and the bytes on the wire shrink. */
class Mqtt5MosquittoTopicAliasTest {

    /** A gateway's client id as fleets name them, in the topic of its telemetry. */
    private static final String CLIENT_ID = "gw-0042-a1b2c3";
    private static final String TOPIC = "tether/" + CLIENT_ID + "/telemetry/temperature";

    @TempDir
    Path work;

    @Test
    void aStreamOfMessagesToOneTopicArrivesWithItsTopic() throws Exception {
        // given Mosquitto as installed (max_topic_alias 10), a Tether subscriber, mosquitto_sub, and a publisher
        try (Mqtt5Mosquitto mosquitto = Mqtt5Mosquitto.in(work).start()) {
            ManagedConnection subscriber = mosquitto.connect("alias-sub");
            Inbox inbox = new Inbox();
            assertThat(subscriber.subscribe(List.of("tether/#"), 1, inbox).acknowledged().toCompletableFuture())
                .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
            Mqtt5MosquittoSub witness = mosquitto.mosquittoSub("tether/#");
            ManagedConnection publisher = mosquitto.connect(CLIENT_ID);

            // when the publisher sends 50 messages to one topic: the first sets up an alias, the rest use it
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(publisher.publish(TOPIC, ("t" + i).getBytes(StandardCharsets.UTF_8), 1, false)
                    .toCompletableFuture());
            }
            assertThat(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
                .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

            // then Mosquitto resolved every alias to the topic, and both subscribers got all 50 on it, in order
            inbox.awaitCount(50);
            assertThat(inbox.messages()).extracting(MqttMessage::topic).containsOnly(TOPIC).hasSize(50);
            assertThat(inbox.payloads()).startsWith("t0", "t1").endsWith("t49");
            await().atMost(Mqtt5Mosquitto.TIMEOUT).until(() -> witness.lines().size() >= 50);
            assertThat(witness.lines()).extracting(Mqtt5MosquittoSub.Line::topic).containsOnly(TOPIC).hasSize(50);
            assertThat(witness.lines().get(49).payload()).isEqualTo("t49");
            assertThat(mosquitto.logLines("Received PUBLISH from " + CLIENT_ID + " .*'" + TOPIC + "'"))
                .isEqualTo(50);
        }
    }

    @Test
    void aliasesCutTheBytesOfATelemetryStreamByMoreThanAThird() throws Exception {
        // given two brokers, one taking 10 topic aliases per client and one taking none, each behind a proxy that
        // counts what Tether writes
        long withAliases = bytesWritten(work.resolve("aliases"), "10");
        long withoutAliases = bytesWritten(work.resolve("no-aliases"), "0");

        // then the stream with aliases took at least 30 % fewer bytes
        System.out.printf("Topic aliases, 1,000 QoS 0 messages of 64 bytes to %s (%d bytes): %,d bytes written"
            + " with aliases (max_topic_alias 10), %,d without (max_topic_alias 0): %.1f %% fewer%n",
            TOPIC, TOPIC.length(), withAliases, withoutAliases,
            100.0 * (withoutAliases - withAliases) / withoutAliases);
        assertThat(withAliases).isLessThanOrEqualTo((long) (withoutAliases * 0.7));
    }

    /**
     * @return the bytes Tether wrote on one connection: CONNECT, 1,000 QoS 0 messages of 64 bytes to {@link #TOPIC}
     *     and a QoS 1 marker, whose PUBACK says that the broker read all of it
     */
    private static long bytesWritten(Path brokerDir, String maxTopicAlias) throws Exception {
        // given a broker with that max_topic_alias, and a connection to it through the counting proxy
        try (Mqtt5Mosquitto mosquitto = Mqtt5Mosquitto.in(brokerDir).listenerOption("max_topic_alias", maxTopicAlias)
                .start();
             Mqtt5ByteCountingProxy proxy = Mqtt5ByteCountingProxy.start(mosquitto.port())) {
            ManagedConnection publisher = mosquitto.unconfigured(CLIENT_ID);
            publisher.apply(mosquitto.configFor("127.0.0.1:" + proxy.port(), CLIENT_ID));
            Mqtt5Mosquitto.awaitConnected(publisher);

            // when it publishes 1,000 messages of 64 bytes to one topic, 100 at a time (QoS 0 is not queued)
            byte[] payload = new byte[64];
            Arrays.fill(payload, (byte) '7');
            for (int batch = 0; batch < 10; batch++) {
                List<CompletableFuture<Void>> sent = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    sent.add(publisher.publish(TOPIC, payload, 0, false).toCompletableFuture());
                }
                assertThat(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
                    .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
            }
            assertThat(publisher.publish(TOPIC, payload, 1, false).toCompletableFuture())
                .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

            // then Mosquitto received all of them, on one connection
            assertThat(mosquitto.logLines("Received PUBLISH from " + CLIENT_ID + " .*'" + TOPIC + "'"))
                .isEqualTo(1001);
            assertThat(mosquitto.logLines(Mqtt5Mosquitto.connectedAs(CLIENT_ID))).isEqualTo(1);
            return proxy.bytesToBroker();
        }
    }
}
