package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.OutgoingMessage;

/** Request/response bookkeeping: correlation, one response subscription, timeouts, MQTT 3.1.1, shutdown. */
class RequestsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<OutgoingMessage> published = new CopyOnWriteArrayList<>();
    private final List<String> subscribedTopics = new CopyOnWriteArrayList<>();
    private final AtomicReference<MqttMessageListener> responses = new AtomicReference<>();
    private volatile Optional<String> protocol = Optional.of("5");

    private final Requests requests = new Requests(
        message -> {
            published.add(message);
            return CompletableFuture.completedFuture(null);
        },
        (topic, listener) -> {
            subscribedTopics.add(topic);
            responses.set(listener);
            return new AcknowledgedSubscription(topic);
        },
        () -> "tether/response/gw-1", () -> protocol, timer, Runnable::run);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static MqttMessage response(byte[] correlation, String payload) {
        return new MqttMessage("tether/response/gw-1", payload.getBytes(), 1, false, false,
            MessageProperties.builder().correlationData(correlation).build(), List.of());
    }

    @Test
    void eachResponseCompletesTheRequestWithItsCorrelationData() throws Exception {
        // given two requests waiting
        CompletionStage<MqttMessage> first = requests.request(OutgoingMessage.to("svc/a").payload("1").qos(1).build(),
            Duration.ofSeconds(10));
        CompletionStage<MqttMessage> second = requests.request(OutgoingMessage.to("svc/b").payload("2").build(),
            Duration.ofSeconds(10));

        // when the responses come in the other order
        byte[] firstCorrelation = published.get(0).properties().correlationData().orElseThrow();
        byte[] secondCorrelation = published.get(1).properties().correlationData().orElseThrow();
        responses.get().messageArrived(response(secondCorrelation, "for b"));
        responses.get().messageArrived(response(firstCorrelation, "for a"));

        // then each request has its own, one subscription served both, and both went to the response topic
        assertThat(first.toCompletableFuture().get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("for a");
        assertThat(second.toCompletableFuture().get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("for b");
        assertThat(subscribedTopics).containsExactly("tether/response/gw-1");
        assertThat(published).allSatisfy(message -> assertThat(message.properties().responseTopic())
            .contains("tether/response/gw-1"));
        assertThat(firstCorrelation).isNotEqualTo(secondCorrelation);
        assertThat(published.get(0).qos()).isEqualTo(1);
        assertThat(requests.waiting()).isZero();
    }

    @Test
    void aRequestWithoutResponseFailsWithTimeoutAndIsForgotten() {
        // given / when
        CompletionStage<MqttMessage> request = requests.request(OutgoingMessage.to("svc/a").build(),
            Duration.ofMillis(50));

        // then
        assertThatThrownBy(() -> request.toCompletableFuture().get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(MqttServiceException.class).hasMessageContaining("no response to the request on svc/a")
            .satisfies(error -> assertThat(((MqttServiceException) error).reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(requests.waiting()).isZero();
    }

    @Test
    void anMqtt311SessionRefusesRequestsAsNotSupported() {
        // given
        protocol = Optional.of("3.1.1");

        // when
        CompletionStage<MqttMessage> request = requests.request(OutgoingMessage.to("svc/a").build(),
            Duration.ofSeconds(1));

        // then
        assertThatThrownBy(() -> request.toCompletableFuture().get(5, TimeUnit.SECONDS))
            .cause().isInstanceOf(MqttServiceException.class).hasMessageContaining("needs MQTT 5")
            .satisfies(error -> assertThat(((MqttServiceException) error).reason()).isEqualTo(Reason.NOT_SUPPORTED));
        assertThat(published).isEmpty();
    }

    @Test
    void aResponseToAnUnknownCorrelationIsIgnored() {
        // given
        CompletionStage<MqttMessage> request = requests.request(OutgoingMessage.to("svc/a").build(),
            Duration.ofSeconds(10));

        // when
        responses.get().messageArrived(response(new byte[] {1, 2, 3}, "stray"));

        // then
        assertThat(request.toCompletableFuture()).isNotDone();
        assertThat(requests.waiting()).isEqualTo(1);
    }

    @Test
    void closingFailsWaitingRequestsAsClosed() {
        // given
        CompletionStage<MqttMessage> request = requests.request(OutgoingMessage.to("svc/a").build(),
            Duration.ofSeconds(10));

        // when
        requests.close();

        // then
        assertThatThrownBy(() -> request.toCompletableFuture().get(5, TimeUnit.SECONDS))
            .cause().isInstanceOf(MqttServiceException.class)
            .satisfies(error -> assertThat(((MqttServiceException) error).reason()).isEqualTo(Reason.CLOSED));
    }

    @Test
    void aRequestMayNotBringItsOwnResponseTopic() {
        // given
        OutgoingMessage withTopic = OutgoingMessage.to("svc/a").responseTopic("mine").build();

        // when / then
        assertThatThrownBy(() -> requests.request(withTopic, Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mine");
    }

    private static final class AcknowledgedSubscription implements MqttSubscription {
        private final String topic;

        AcknowledgedSubscription(String topic) {
            this.topic = topic;
        }

        @Override
        public String topicFilter() {
            return topic;
        }

        @Override
        public int qos() {
            return 1;
        }

        @Override
        public CompletionStage<Void> acknowledged() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }
}
