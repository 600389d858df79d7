package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.OutgoingMessage;
import dev.tether.mqtt.SubscriptionStatus;

/** MQTT 5 request/response between two Tether connections through Mosquitto 2.0.11. */
class Mqtt5MosquittoRequestResponseTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** A responder that answers each request to {@code service/echo} with "re:" and its payload, at once. */
    private ManagedConnection echoResponder() {
        ManagedConnection responder = mosquitto.connect("rr-responder");
        var subscription = responder.subscribe(List.of("service/echo"), 1, request ->
            Mqtt5Mosquitto.respond(responder, request, ("re:" + request.payloadAsString())
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        return responder;
    }

    private static OutgoingMessage request(String topic, String payload) {
        return OutgoingMessage.to(topic).payload(payload).qos(1).build();
    }

    @Test
    void aRequestCompletesWithTheResponse() throws Exception {
        // given a responder listening on a topic, and a requester
        mosquitto = Mqtt5Mosquitto.in(work).start();
        echoResponder();
        ManagedConnection requester = mosquitto.connect("rr-requester");

        // when the requester asks
        CompletableFuture<MqttMessage> response = requester.request(request("service/echo", "ping"), REQUEST_TIMEOUT)
            .toCompletableFuture();

        // then the answer comes back on the requester's response topic
        assertThat(response).succeedsWithin(REQUEST_TIMEOUT);
        assertThat(response.get().payloadAsString()).isEqualTo("re:ping");
        assertThat(response.get().topic()).isEqualTo("tether/response/rr-requester");
    }

    @Test
    void concurrentRequestsGetTheirOwnResponsesThroughOneSubscription() throws Exception {
        // given a responder that holds back its answers until all requests are in, then answers the last first
        mosquitto = Mqtt5Mosquitto.in(work).start();
        int count = 10;
        ManagedConnection responder = mosquitto.connect("rr-responder");
        List<MqttMessage> held = new CopyOnWriteArrayList<>();
        var subscription = responder.subscribe(List.of("service/slow"), 1, request -> {
            held.add(request);
            if (held.size() == count) {
                for (int i = count - 1; i >= 0; i--) {
                    MqttMessage one = held.get(i);
                    Mqtt5Mosquitto.respond(responder, one, ("re:" + one.payloadAsString())
                        .getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        ManagedConnection requester = mosquitto.connect("rr-requester");

        // when the requester sends ten requests at once
        List<CompletableFuture<MqttMessage>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(requester.request(request("service/slow", "q" + i), REQUEST_TIMEOUT).toCompletableFuture());
        }

        // then each completes with the answer to its own request, out of order as they were answered
        for (int i = 0; i < count; i++) {
            assertThat(responses.get(i)).succeedsWithin(REQUEST_TIMEOUT);
            assertThat(responses.get(i).get().payloadAsString()).isEqualTo("re:q" + i);
        }
        // and one subscription, to the response topic, served them all
        List<SubscriptionStatus> subscriptions = requester.status().subscriptions();
        assertThat(subscriptions).extracting(SubscriptionStatus::topicFilter)
            .containsExactly("tether/response/rr-requester");
        assertThat(subscriptions.get(0).listenerCount()).isEqualTo(1);
        assertThat(mosquitto.logLines("rr-requester 1 tether/response/rr-requester$"))
            .as("SUBSCRIBEs Mosquitto logged for the response topic").isEqualTo(1);
    }

    @Test
    void aRequestNobodyAnswersFailsWithTimeoutWithinTheTimeout() throws Exception {
        // given a requester, and nobody listening on the request topic
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection requester = mosquitto.connect("rr-requester");
        Duration timeout = Duration.ofMillis(1500);

        // when it asks
        long start = System.nanoTime();
        CompletableFuture<MqttMessage> response = requester.request(request("service/nobody", "hello?"), timeout)
            .toCompletableFuture();

        // then the request fails with TIMEOUT once the timeout passed, not before and not much later
        assertThat(response).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(timeout, timeout.plusSeconds(1));
    }
}
