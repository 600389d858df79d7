package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/** Shared subscriptions ({@code $share/group/filter}) with Mosquitto 2.0.11 on MQTT 5. */
class Mqtt5MosquittoSharedSubscriptionTest {

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void theStatusSaysTheBrokerSupportsSharedSubscriptionsOnMqtt5Only() throws Exception {
        // given Mosquitto
        mosquitto = Mqtt5Mosquitto.in(work).start();

        // when one connection speaks MQTT 5 and one MQTT 3.1.1
        ManagedConnection five = mosquitto.connect("shared-5");
        ManagedConnection old = mosquitto.connect("shared-311", "protocol_version", "3.1.1");

        // then the MQTT 5 status shows the CONNACK's Shared Subscription Available; MQTT 3.1.1 does not tell
        assertThat(five.status().sharedSubscriptionsAvailable()).contains(true);
        assertThat(old.status().sharedSubscriptionsAvailable()).isEmpty();
    }

    @Test
    void twoMembersOfAGroupSplitTheMessagesWithNoneLostOrDoubled() throws Exception {
        // given two connections subscribed to the same shared subscription
        mosquitto = Mqtt5Mosquitto.in(work).start();
        List<Inbox> members = new ArrayList<>();
        for (String member : List.of("worker-a", "worker-b")) {
            ManagedConnection connection = mosquitto.connect(member);
            Inbox inbox = new Inbox();
            assertThat(connection.subscribe(List.of("$share/g/work/#"), 1, inbox).acknowledged()
                .toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
            members.add(inbox);
        }
        ManagedConnection publisher = mosquitto.connect("dispatcher");

        // when 100 QoS 1 messages are published below the shared filter
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(publisher.publish("work/job/" + i, ("job-" + i).getBytes(StandardCharsets.UTF_8), 1, false)
                .toCompletableFuture());
        }
        assertThat(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

        // then each member got a part, and together exactly the 100, each once
        await().atMost(Mqtt5Mosquitto.TIMEOUT)
            .until(() -> members.get(0).messages().size() + members.get(1).messages().size() >= 100);
        // (a doubled delivery would come right behind the first: a moment more, and still 100)
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1))
            .until(() -> members.get(0).messages().size() + members.get(1).messages().size() == 100);
        List<String> all = new ArrayList<>(members.get(0).payloads());
        all.addAll(members.get(1).payloads());
        assertThat(all).hasSize(100).containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 100).mapToObj(i -> "job-" + i).toList());
        assertThat(members.get(0).payloads()).isNotEmpty();
        assertThat(members.get(1).payloads()).isNotEmpty();
        System.out.printf("Shared subscription: worker-a got %d, worker-b got %d of 100%n",
            members.get(0).payloads().size(), members.get(1).payloads().size());
    }
}
