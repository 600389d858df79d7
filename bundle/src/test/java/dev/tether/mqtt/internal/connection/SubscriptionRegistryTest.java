package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.SubscriptionOptions.RetainHandling;
import dev.tether.mqtt.internal.topic.TopicFilter;

class SubscriptionRegistryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final SubscriptionRegistry registry = new SubscriptionRegistry();

    @AfterEach
    void shutDownPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    private Subscriber subscriber(int qos, MqttMessageListener listener, String... filters) {
        return subscriber(pool, qos, listener, filters);
    }

    private Subscriber subscriber(Executor executor, int qos, MqttMessageListener listener, String... filters) {
        List<TopicFilter> parsed = Stream.of(filters).map(TopicFilter::of).toList();
        Subscriber subscriber = new Subscriber(parsed, SubscriptionOptions.qos(qos), listener, new Mailbox(executor, 1000), Runnable::run,
            new RecordingLogger().logger(), registry::remove);
        registry.add(subscriber);
        return subscriber;
    }

    private static MqttMessage message(String topic, String payload) {
        return new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, false);
    }

    private static final class Recorder implements MqttMessageListener {
        final List<MqttMessage> received = new CopyOnWriteArrayList<>();

        @Override
        public void messageArrived(MqttMessage message) {
            received.add(message);
        }

        List<String> payloads() {
            return received.stream().map(MqttMessage::payloadAsString).toList();
        }
    }

    // --- broker filters

    @Test
    void eachDistinctFilterIsWantedOnceAtTheHighestQos() {
        // given
        subscriber(0, message -> { }, "a/#");
        subscriber(2, message -> { }, "a/#", "b/+");
        subscriber(1, message -> { }, "b/+");

        // when
        var desired = registry.desiredFilters();

        // then
        assertThat(desired).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("a/#", 2, "b/+", 2));
    }

    @Test
    void sharedFilterGetsOptionsThatDenyNoSubscriberWhatItAskedFor() {
        // given one subscriber that wants everything sent to it, and one that wants the least
        SubscriptionOptions least = new SubscriptionOptions(0, true, false, RetainHandling.DO_NOT_SEND);
        SubscriptionOptions most = new SubscriptionOptions(1, false, true, RetainHandling.SEND_ON_SUBSCRIBE);
        SubscriptionOptions middle = new SubscriptionOptions(0, true, false, RetainHandling.SEND_IF_NEW_SUBSCRIPTION);

        // then the broker subscription sends what either asked for
        assertThat(SubscriptionRegistry.combine(least, most)).isEqualTo(most);
        assertThat(SubscriptionRegistry.combine(most, least)).isEqualTo(most);
        assertThat(SubscriptionRegistry.combine(least, middle)).isEqualTo(middle);
        assertThat(SubscriptionRegistry.combine(least, least)).isEqualTo(least);
    }

    @Test
    void closingOneOfTwoSubscribersKeepsTheFilterAtTheRemainingQos() {
        // given
        Subscriber high = subscriber(2, message -> { }, "a/#");
        subscriber(0, message -> { }, "a/#");

        // when
        high.close();

        // then
        assertThat(registry.desiredFilters()).containsExactly(java.util.Map.entry("a/#", 0));
    }

    @Test
    void closingTheLastSubscriberOfAFilterDropsTheFilter() {
        // given
        Subscriber only = subscriber(1, message -> { }, "a/#");
        subscriber(1, message -> { }, "b");

        // when
        only.close();

        // then
        assertThat(registry.desiredFilters()).containsOnlyKeys("b");
        assertThat(registry.subscribers()).doesNotContain(only);
    }

    // --- dispatch

    @Test
    void messageGoesToEveryMatchingSubscriberAndNoOther() {
        // given
        Recorder hash = new Recorder();
        Recorder plus = new Recorder();
        Recorder other = new Recorder();
        subscriber(0, hash, "sensors/#");
        subscriber(0, plus, "sensors/+/temp");
        subscriber(0, other, "actuators/#");

        // when
        int delivered = registry.dispatch(message("sensors/1/temp", "21.5"));

        // then
        assertThat(delivered).isEqualTo(2);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(hash.payloads()).containsExactly("21.5");
            assertThat(plus.payloads()).containsExactly("21.5");
        });
        assertThat(other.received).isEmpty();
    }

    @Test
    void subscriberWithOverlappingFiltersGetsAMessageOnce() {
        // given
        Recorder recorder = new Recorder();
        subscriber(0, recorder, "a/#", "a/+", "a/b");
        Recorder marker = new Recorder();
        subscriber(0, marker, "a/b");

        // when
        int delivered = registry.dispatch(message("a/b", "x"));
        registry.dispatch(message("a/b", "end"));

        // then
        assertThat(delivered).isEqualTo(2);
        await().atMost(TIMEOUT).until(() -> marker.received.size() == 2 && recorder.received.size() >= 2);
        assertThat(recorder.payloads()).containsExactly("x", "end");
    }

    @Test
    void messageWithSubscriptionIdentifiersGoesToTheSubscribersOfThoseSubscriptionsOnly() {
        // given two overlapping filters, "sensors/#" subscribed with identifier 7 and "sensors/+/temp" with 8
        Recorder hash = new Recorder();
        Recorder plus = new Recorder();
        subscriber(0, hash, "sensors/#");
        subscriber(0, plus, "sensors/+/temp");
        Map<Integer, String> identifiers = Map.of(7, "sensors/#", 8, "sensors/+/temp");

        // when the broker sends the message for subscription 8 only (7's No Local left it out, say)
        int delivered = registry.dispatch(withIdentifiers(message("sensors/1/temp", "21.5"), 8),
            identifiers::get);
        registry.dispatch(withIdentifiers(message("sensors/1/temp", "end"), 7, 8), identifiers::get);

        // then it reaches the subscriber of 8 and not the other, whose filter matches the topic too
        assertThat(delivered).isOne();
        await().atMost(TIMEOUT).until(() -> plus.received.size() == 2 && hash.received.size() == 1);
        assertThat(plus.payloads()).containsExactly("21.5", "end");
        assertThat(hash.payloads()).containsExactly("end");
    }

    @Test
    void messageWithAnUnknownSubscriptionIdentifierGoesByItsTopic() {
        // given
        Recorder hash = new Recorder();
        subscriber(0, hash, "sensors/#");

        // when a message carries an identifier this session never gave (one of an earlier run's session)
        int delivered = registry.dispatch(withIdentifiers(message("sensors/1/temp", "21.5"), 99), identifier -> null);

        // then
        assertThat(delivered).isOne();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(hash.payloads()).containsExactly("21.5"));
    }

    private static MqttMessage withIdentifiers(MqttMessage message, Integer... identifiers) {
        return new MqttMessage(message.topic(), message.payload(), message.qos(), message.retained(),
            message.duplicate(), MessageProperties.NONE, List.of(identifiers));
    }

    @Test
    void noMatchingSubscriberMeansNoDelivery() {
        // given
        subscriber(0, new Recorder(), "a");

        // when / then
        assertThat(registry.dispatch(message("b", "x"))).isZero();
    }

    @Test
    void throwingListenerDoesNotStopDeliveryToOthersOrToItself() {
        // given
        List<String> seenByThrower = new CopyOnWriteArrayList<>();
        subscriber(0, message -> {
            seenByThrower.add(message.payloadAsString());
            throw new IllegalStateException("listener bug");
        }, "t");
        Recorder healthy = new Recorder();
        subscriber(0, healthy, "t");

        // when
        registry.dispatch(message("t", "1"));
        registry.dispatch(message("t", "2"));

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(healthy.payloads()).containsExactly("1", "2");
            assertThat(seenByThrower).containsExactly("1", "2");
        });
    }

    @Test
    void listenerThrowingAnErrorDoesNotStopDeliveryToOthers() {
        // given
        subscriber(0, message -> {
            throw new AssertionError("listener bug");
        }, "t");
        Recorder healthy = new Recorder();
        subscriber(0, healthy, "t");

        // when
        registry.dispatch(message("t", "1"));

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(healthy.payloads()).containsExactly("1"));
    }

    @Test
    void slowListenerDoesNotDelayAnotherListener() {
        // given
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        subscriber(0, message -> {
            slowStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "t");
        Recorder fast = new Recorder();
        subscriber(0, fast, "t");

        try {
            // when
            registry.dispatch(message("t", "1"));
            registry.dispatch(message("t", "2"));

            // then the fast listener gets both while the slow one is still blocked on the first
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(fast.payloads()).containsExactly("1", "2"));
            assertThat(slowStarted.getCount()).isZero();
            assertThat(release.getCount()).isOne();
        } finally {
            release.countDown();
        }
    }

    @Test
    void eachListenerReceivesMessagesInArrivalOrder() {
        // given
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        subscriber(0, first, "seq/#");
        subscriber(0, second, "seq/+");
        List<String> sent = IntStream.range(0, 500).mapToObj(Integer::toString).toList();

        // when
        sent.forEach(payload -> registry.dispatch(message("seq/x", payload)));

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(first.payloads()).containsExactlyElementsOf(sent);
            assertThat(second.payloads()).containsExactlyElementsOf(sent);
        });
    }

    @Test
    void everySubscriberGetsItsOwnPayloadArray() {
        // given
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder c = new Recorder();
        subscriber(0, a, "t");
        subscriber(0, b, "t");
        subscriber(0, c, "t");

        // when
        registry.dispatch(message("t", "payload"));

        // then
        await().atMost(TIMEOUT).until(() -> a.received.size() + b.received.size() + c.received.size() == 3);
        byte[] pa = a.received.get(0).payload();
        byte[] pb = b.received.get(0).payload();
        byte[] pc = c.received.get(0).payload();
        assertThat(pa).isNotSameAs(pb).isNotSameAs(pc);
        assertThat(pb).isNotSameAs(pc);
        assertThat(List.of(pa, pb, pc)).allSatisfy(p -> assertThat(p).asString(StandardCharsets.UTF_8)
            .isEqualTo("payload"));
    }

    @Test
    void firstListenerChangingItsPayloadAtOnceDoesNotAffectLaterCopies() {
        // given a first subscriber whose mailbox runs the listener on the dispatching thread
        subscriber(Runnable::run, 0, message -> Arrays.fill(message.payload(), (byte) 'X'), "t");
        Recorder other = new Recorder();
        subscriber(0, other, "t");

        // when
        registry.dispatch(message("t", "payload"));

        // then
        await().atMost(TIMEOUT).until(() -> other.received.size() == 1);
        assertThat(other.payloads()).containsExactly("payload");
    }

    @Test
    void closedSubscriberReceivesNothing() {
        // given
        Recorder recorder = new Recorder();
        Subscriber subscriber = subscriber(0, recorder, "t");
        Recorder marker = new Recorder();
        subscriber(0, marker, "t");
        subscriber.close();

        // when
        int delivered = registry.dispatch(message("t", "x"));

        // then
        assertThat(delivered).isOne();
        await().atMost(TIMEOUT).until(() -> marker.received.size() == 1);
        assertThat(recorder.received).isEmpty();
    }
}
