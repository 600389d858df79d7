package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.internal.topic.TopicFilter;

class SubscriberTest {

    private final AtomicInteger closeCalls = new AtomicInteger();

    private Subscriber subscriber(String... filters) {
        return new Subscriber(List.of(filters).stream().map(TopicFilter::of).toList(), SubscriptionOptions.qos(1), message -> { },
            new Mailbox(Runnable::run, 10), Runnable::run, new RecordingLogger().logger(), s -> closeCalls.incrementAndGet());
    }

    private static CompletableFuture<Void> future(Subscriber subscriber) {
        return subscriber.acknowledged().toCompletableFuture();
    }

    @Test
    void acknowledgedOnlyWhenEveryFilterIsAcknowledged() {
        // given
        Subscriber subscriber = subscriber("a", "b");

        // when
        subscriber.filterAcknowledged("a");

        // then
        assertThat(future(subscriber)).isNotDone();
        subscriber.filterAcknowledged("b");
        assertThat(future(subscriber)).isCompleted();
        assertThat(subscriber.awaitsAnswers()).isFalse();
    }

    @Test
    void rejectedFilterFailsTheAcknowledgementWithBrokerRejected() {
        // given
        Subscriber subscriber = subscriber("a");

        // when
        subscriber.filterRejected("a", "not authorised");

        // then
        assertThat(future(subscriber)).failsWithin(java.time.Duration.ZERO)
            .withThrowableThat().havingCause().isInstanceOfSatisfying(MqttServiceException.class, e -> {
                assertThat(e.reason()).isEqualTo(MqttServiceException.Reason.BROKER_REJECTED);
                assertThat(e.getMessage()).contains("'a'").contains("not authorised");
            });
    }

    @Test
    void closeFailsAPendingAcknowledgementAndNotifiesOnce() {
        // given
        Subscriber subscriber = subscriber("a");

        // when
        subscriber.close();
        subscriber.close();

        // then
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(closeCalls).hasValue(1);
        assertThat(future(subscriber)).isCompletedExceptionally();
    }
}
