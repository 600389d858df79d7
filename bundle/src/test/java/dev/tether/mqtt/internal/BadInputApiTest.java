package dev.tether.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Constants;
import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.Registration;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.internal.connection.ClockCheck;
import dev.tether.mqtt.internal.connection.ManagedConnection;
import dev.tether.mqtt.internal.topic.Topics;
import dev.tether.mqtt.testing.Ports;

/**
 * Bad input to every public method of the API, through the {@link MqttService} a bundle gets. The
 * contract ({@link MqttService}'s Javadoc): programming errors throw {@link IllegalArgumentException}
 * or {@link NullPointerException} at once, naming the argument and the bad value; only what depends
 * on the connection completes the returned stage exceptionally. All cases go to one connection,
 * which must still work afterwards. No broker: the server is a loopback port nobody listens on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputApiTest {

    private static final String PASSWORD = "api-Pa55word-never-shown";
    private static final MqttMessageListener LISTENER = message -> { };
    private static final ConnectionListener CONNECTION_LISTENER = new ConnectionListener() { };
    private static final byte[] PAYLOAD = "payload".getBytes();
    /** 65,536 bytes in UTF-8: one more than a topic may have. */
    private static final String TOO_LONG = "t".repeat(65_536);
    private static final String EMOJI = "sensor/\uD83C\uDF21";
    /** Half of the emoji: not a character, so it has no UTF-8 form. */
    private static final String LONE_SURROGATE = "sensor/\uD83C";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final ManagedConnection connection = new ManagedConnection("badinput", recordingLogger(logged),
        ClockCheck.system(Instant.EPOCH), null);
    private final MqttService service = new BundleScopedMqttService(connection);

    BadInputApiTest() {
        connection.apply(configuration());
    }

    @AfterAll
    void closeConnection() {
        connection.close();
    }

    /** What one call does wrong and what the exception must say. */
    record Rejection(ThrowingCall call, Class<? extends RuntimeException> type, List<String> mentions) {
    }

    @FunctionalInterface
    interface ThrowingCall {
        Object call(MqttService service);
    }

    private static Arguments rejected(String name, ThrowingCall call, Class<? extends RuntimeException> type,
            String... mentions) {
        return Arguments.of(named(name, new Rejection(call, type, List.of(mentions))));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
            // publish(String, byte[], int, boolean)
            rejected("publish: null topic", s -> s.publish(null, PAYLOAD, 1, false),
                NullPointerException.class, "topic"),
            rejected("publish: null payload", s -> s.publish("a/b", (byte[]) null, 1, false),
                NullPointerException.class, "payload"),
            rejected("publish: + in the topic", s -> s.publish("a/+/c", PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic", "'a/+/c'", "wildcards"),
            rejected("publish: # in the topic", s -> s.publish("a/#", PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic", "'a/#'", "wildcards"),
            rejected("publish: empty topic", s -> s.publish("", PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic ''", "must not be empty"),
            rejected("publish: topic of 65,536 UTF-8 bytes", s -> s.publish(TOO_LONG, PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic 'tttt", "(65536 characters)", "longer than 65535 bytes"),
            rejected("publish: topic of 21,846 three-byte characters (65,538 bytes)",
                s -> s.publish("\u20AC".repeat(21_846), PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic '\u20AC\u20AC", "longer than 65535 bytes"),
            rejected("publish: U+0000 in the topic", s -> s.publish("a/\u0000/b", PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic 'a/\\u0000/b'", "NUL"),
            rejected("publish: control character U+0009 in the topic", s -> s.publish("a/\tb", PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic 'a/\\u0009b'", "control character U+0009"),
            rejected("publish: a lone surrogate in the topic", s -> s.publish(LONE_SURROGATE, PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic 'sensor/\\uD83C'", "U+D83C", "lone surrogate"),
            rejected("publish: the noncharacter U+FFFF in the topic", s -> s.publish("a/\uFFFF", PAYLOAD, 1, false),
                IllegalArgumentException.class, "topic 'a/\\uFFFF'", "U+FFFF", "noncharacter"),
            rejected("publish: QoS -1", s -> s.publish("a/b", PAYLOAD, -1, false),
                IllegalArgumentException.class, "QoS -1", "0, 1 or 2"),
            rejected("publish: QoS 3", s -> s.publish("a/b", PAYLOAD, 3, false),
                IllegalArgumentException.class, "QoS 3", "0, 1 or 2"),
            rejected("publish: payload one byte over MQTT's largest packet (256 MiB allocated)",
                s -> s.publish("a/b", new byte[Topics.largestPayload("a/b", 1) + 1], 1, false),
                IllegalArgumentException.class, "payload of 268435449 bytes", "'a/b'", "at most 268435448 bytes"),
            // publish(String, String, int, boolean)
            rejected("publish text: null topic", s -> s.publish(null, "text", 1, false),
                NullPointerException.class, "topic"),
            rejected("publish text: null payload", s -> s.publish("a/b", (String) null, 1, false),
                NullPointerException.class, "payload"),
            rejected("publish text: + in the topic", s -> s.publish("+", "text", 0, true),
                IllegalArgumentException.class, "topic '+'", "wildcards"),
            rejected("publish text: empty topic", s -> s.publish("", "text", 0, false),
                IllegalArgumentException.class, "topic ''", "must not be empty"),
            rejected("publish text: U+0000 in the topic", s -> s.publish("\u0000", "text", 0, false),
                IllegalArgumentException.class, "topic '\\u0000'", "NUL"),
            rejected("publish text: QoS 3", s -> s.publish("a/b", "text", 3, false),
                IllegalArgumentException.class, "QoS 3"),
            // subscribe(String, int, MqttMessageListener)
            rejected("subscribe: null filter", s -> s.subscribe(null, 1, LISTENER),
                NullPointerException.class, "topicFilter"),
            rejected("subscribe: null listener", s -> s.subscribe("a/#", 1, null),
                NullPointerException.class, "listener"),
            rejected("subscribe: # not the last level (a/#/b)", s -> s.subscribe("a/#/b", 1, LISTENER),
                IllegalArgumentException.class, "topic filter 'a/#/b'", "# must be a whole level and the last one"),
            rejected("subscribe: # at the start of more levels (#/x)", s -> s.subscribe("#/x", 1, LISTENER),
                IllegalArgumentException.class, "topic filter '#/x'", "# must be a whole level and the last one"),
            rejected("subscribe: + not a whole level (a+)", s -> s.subscribe("a+", 1, LISTENER),
                IllegalArgumentException.class, "topic filter 'a+'", "+ must be a whole level"),
            rejected("subscribe: empty filter", s -> s.subscribe("", 1, LISTENER),
                IllegalArgumentException.class, "topic filter ''", "must not be empty"),
            rejected("subscribe: filter of 65,536 UTF-8 bytes", s -> s.subscribe(TOO_LONG, 1, LISTENER),
                IllegalArgumentException.class, "topic filter 'tttt", "(65536 characters)", "longer than 65535 bytes"),
            rejected("subscribe: U+0000 in the filter", s -> s.subscribe("a/\u0000/#", 1, LISTENER),
                IllegalArgumentException.class, "topic filter 'a/\\u0000/#'", "NUL"),
            rejected("subscribe: a lone surrogate in the filter", s -> s.subscribe(LONE_SURROGATE + "/#", 1, LISTENER),
                IllegalArgumentException.class, "topic filter 'sensor/\\uD83C/#'", "U+D83C"),
            rejected("subscribe: QoS -1", s -> s.subscribe("a/#", -1, LISTENER),
                IllegalArgumentException.class, "QoS -1", "0, 1 or 2"),
            rejected("subscribe: QoS 3", s -> s.subscribe("a/#", 3, LISTENER),
                IllegalArgumentException.class, "QoS 3", "0, 1 or 2"),
            // addConnectionListener(ConnectionListener)
            rejected("addConnectionListener: null listener", s -> s.addConnectionListener(null),
                NullPointerException.class, "listener"),
            // new MqttMessage(String, byte[], int, boolean, boolean), the API's one public constructor
            rejected("new MqttMessage: null topic", s -> new MqttMessage(null, PAYLOAD, 0, false, false),
                NullPointerException.class, "topic"),
            rejected("new MqttMessage: null payload", s -> new MqttMessage("a/b", null, 0, false, false),
                NullPointerException.class, "payload"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRejectedAtOnceNamingArgumentAndValue(Rejection rejection) {
        // given the connection as every earlier case left it
        int subscriptionsBefore = connection.status().subscriptionCount();
        int queuedBefore = connection.status().queuedMessages();

        // when / then: the call throws, so no stage is returned at all
        assertThatThrownBy(() -> rejection.call().call(service))
            .isExactlyInstanceOf(rejection.type())
            .hasMessageContainingAll(rejection.mentions().toArray(String[]::new))
            .satisfies(error -> assertThat(error.getMessage()).as("a huge value is not echoed in full")
                .hasSizeLessThan(400));

        // and nothing was half registered or queued, and the connection is still alive
        assertThat(connection.status().subscriptionCount()).isEqualTo(subscriptionsBefore);
        assertThat(connection.status().queuedMessages()).isEqualTo(queuedBefore);
        assertThat(connection.state()).isIn(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED);
    }

    @Order(2)
    @Test
    void connectionStillAcceptsValidPublishAndSubscribeAfterAllBadInput() {
        // given every bad-input case above went to this connection (they run first)

        // when
        MqttSubscription subscription = service.subscribe("a/+/c", 1, LISTENER);
        CompletableFuture<Void> published = service.publish("a/b/c", PAYLOAD, 1, false).toCompletableFuture();
        CompletableFuture<Void> publishedText = service.publish("a/\u20AC/c", "text", 2, true).toCompletableFuture();
        // characters beyond U+FFFF are four bytes of UTF-8, which MQTT carries [MQTT-1.5.3]
        CompletableFuture<Void> publishedEmoji = service.publish(EMOJI, "\uD83D\uDC4B", 1, false).toCompletableFuture();
        Registration listener = service.addConnectionListener(CONNECTION_LISTENER);

        // then the subscription is registered and the QoS 1/2 messages wait in the queue, not failed
        assertThat(subscription.topicFilter()).isEqualTo("a/+/c");
        assertThat(subscription.qos()).isEqualTo(1);
        assertThat(published).isNotDone();
        assertThat(publishedText).isNotDone();
        assertThat(publishedEmoji).isNotDone();
        assertThat(connection.status().subscriptionCount()).isEqualTo(1);
        assertThat(connection.status().queuedMessages()).isEqualTo(3);
        assertThat(service.state()).isIn(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED);
        assertThat(service.connectionName()).isEqualTo("badinput");
        assertThat(service.status().toString()).doesNotContain(PASSWORD);
        assertThat(logged).noneMatch(line -> line.contains(PASSWORD));
        subscription.close();
        listener.close();
    }

    @Test
    void closingTwiceNeverThrows() {
        // given
        MqttSubscription subscription = service.subscribe("twice/#", 0, LISTENER);
        Registration listener = service.addConnectionListener(CONNECTION_LISTENER);

        // when / then (Registration.close(): idempotent, never throws)
        assertThatCode(() -> {
            subscription.close();
            subscription.close();
            listener.close();
            listener.close();
        }).doesNotThrowAnyException();
        assertThat(subscription.acknowledged().toCompletableFuture()).isCompletedExceptionally();
    }

    @ParameterizedTest(name = "QoS {0}, topic ''{1}'': largest payload {2}")
    @MethodSource("largestPayloads")
    void largestPayloadLeavesRoomForTopicAndPacketId(int qos, String topic, int expected) {
        // given MQTT's largest remaining length, 268,435,455 bytes: 2-byte topic length, topic,
        // 2-byte packet id at QoS 1 and 2, payload (checked here without allocating 256 MiB per case)

        // when
        int largest = Topics.largestPayload(topic, qos);

        // then
        assertThat(largest).isEqualTo(expected);
    }

    static Stream<Arguments> largestPayloads() {
        return Stream.of(
            Arguments.of(0, "a", 268_435_455 - 2 - 1),
            Arguments.of(1, "a", 268_435_455 - 2 - 1 - 2),
            Arguments.of(2, "a/b", 268_435_455 - 2 - 3 - 2),
            Arguments.of(1, "\u20AC", 268_435_455 - 2 - 3 - 2));
    }

    // --- whiteboard listeners: the service properties are API too (MqttMessageListener.TOPIC_PROPERTY, QOS_PROPERTY)

    static Stream<Arguments> badWhiteboardProperties() {
        return Stream.of(
            Arguments.of(named("mqtt.topic missing", Map.of())),
            Arguments.of(named("mqtt.topic not a String", Map.of(MqttMessageListener.TOPIC_PROPERTY, 42))),
            Arguments.of(named("mqtt.topic invalid filter", Map.of(MqttMessageListener.TOPIC_PROPERTY, "a/#/b"))),
            Arguments.of(named("mqtt.topic String[] with an empty filter",
                Map.of(MqttMessageListener.TOPIC_PROPERTY, new String[] {"ok/#", ""}))),
            Arguments.of(named("mqtt.qos not a number",
                Map.of(MqttMessageListener.TOPIC_PROPERTY, "a/#", MqttMessageListener.QOS_PROPERTY, "abc"))),
            Arguments.of(named("mqtt.qos 3",
                Map.of(MqttMessageListener.TOPIC_PROPERTY, "a/#", MqttMessageListener.QOS_PROPERTY, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWhiteboardProperties")
    void badWhiteboardListenerIsLoggedAndIgnored(Map<String, Object> properties) {
        // given a whiteboard attached to the connection
        WhiteboardListeners whiteboard = new WhiteboardListeners();
        List<String> lines = new CopyOnWriteArrayList<>();
        whiteboard.attach(connection, recordingLogger(lines), "badinput-client");
        Map<String, Object> withId = new java.util.HashMap<>(properties);
        withId.put(Constants.SERVICE_ID, 7L);
        withId.put(MqttService.CONNECTION_PROPERTY, "badinput");
        int subscriptionsBefore = connection.status().subscriptionCount();

        // when
        assertThatCode(() -> whiteboard.add(LISTENER, withId)).doesNotThrowAnyException();

        // then nothing is subscribed and an error names the listener's service
        assertThat(connection.status().subscriptionCount()).isEqualTo(subscriptionsBefore);
        assertThat(lines)
            .anySatisfy(line -> assertThat(line).startsWith("error").contains("ignored").contains(", 7, "));
        whiteboard.detach();
    }

    // --- known gaps: the right expectation, disabled until fixed outside this test's files

    @Test
    void whiteboardTopicArrayWithNullIsLoggedAndIgnored() {
        // given
        WhiteboardListeners whiteboard = new WhiteboardListeners();
        whiteboard.attach(connection, recordingLogger(new CopyOnWriteArrayList<>()), "badinput-client");
        Map<String, Object> properties = Map.of(MqttMessageListener.TOPIC_PROPERTY, new String[] {"a/#", null},
            Constants.SERVICE_ID, 8L, MqttService.CONNECTION_PROPERTY, "badinput");

        // when / then
        assertThatCode(() -> whiteboard.add(LISTENER, properties)).doesNotThrowAnyException();
        whiteboard.detach();
    }

    @ParameterizedTest(name = "QoS {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {-1, 3})
    void mqttMessageRejectsQosOutsideZeroToTwo(int qos) {
        // given / when / then
        assertThatThrownBy(() -> new MqttMessage("a/b", PAYLOAD, qos, false, false))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QoS " + qos);
    }

    // --- fixtures

    private static ParsedConfiguration configuration() {
        return new SettingsParser("device", "host").parseNamed(Map.of(
            "name", "badinput",
            "enable", true,
            "server", "127.0.0.1:" + Ports.free(),
            "user", "api-user",
            "pass", PASSWORD,
            // one attempt, then a long wait: the test needs no broker and no retry noise
            "reconnect_timeout_min", 3600,
            "reconnect_timeout_max", 3600,
            "max_queue_length", 100,
            "queue_persistence", "memory"));
    }

    /** A Logger outside a framework that keeps every call as "method [arguments]". */
    private static Logger recordingLogger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                if (method.getReturnType() == boolean.class) {
                    return true;
                }
                if (method.getName().equals("getName") || method.getName().equals("toString")) {
                    return "recording";
                }
                if (args != null) {
                    lines.add(method.getName() + " " + Arrays.deepToString(args));
                }
                return null;
            });
    }
}
