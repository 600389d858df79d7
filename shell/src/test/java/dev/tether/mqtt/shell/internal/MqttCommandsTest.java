package dev.tether.mqtt.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttServiceException;

/**
 * The commands as Gogo's own runtime parses and calls them (overloads, options, quoting), against
 * fake connections; the Pax Exam test {@code ShellCommandsIT} runs them against a real broker.
 */
class MqttCommandsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PUBLISH_WAIT = Duration.ofMillis(200);

    private final MqttCommands commands = new MqttCommands(
        Clock.fixed(Instant.parse("1970-01-01T00:01:05Z"), ZoneOffset.UTC), PUBLISH_WAIT);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ThreadIOImpl threadIO;
    private CommandSession session;

    @BeforeEach
    void startGogo() {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        for (String function : List.of("connections", "status", "metrics", "pub", "sub", "reconnect")) {
            processor.addCommand("mqtt", commands, function);
        }
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
    }

    @AfterEach
    void stopGogo() {
        session.close();
        threadIO.stop();
    }

    private FakeMqttService connection(String name) {
        FakeMqttService service = new FakeMqttService(name);
        commands.addConnection(service, Map.of("mqtt.connection", name));
        return service;
    }

    private void execute(String line) throws Exception {
        assertThat(session.execute(line)).as("what %s returns to Gogo", line).isNull();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Future<Object> executeInBackground(String line) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.execute(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void pubWithPositionalQosAndRetainPublishesAndSaysSo() throws Exception {
        // given
        FakeMqttService standard = connection("default");

        // when
        execute("mqtt:pub a/b hello 1 true");

        // then
        assertThat(standard.published).containsExactly(new FakeMqttService.Published("a/b", "hello", 1, true));
        assertThat(out()).isEqualTo("published to a/b (QoS 1, retained)\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void pubWithPositionalQosOnly() throws Exception {
        FakeMqttService standard = connection("default");

        execute("mqtt:pub a/b hello 2");

        assertThat(standard.published).containsExactly(new FakeMqttService.Published("a/b", "hello", 2, false));
        assertThat(out()).isEqualTo("published to a/b (QoS 2)\n");
    }

    @Test
    void pubWithOptionsPublishesOnTheNamedConnection() throws Exception {
        // given
        FakeMqttService standard = connection("default");
        FakeMqttService other = connection("other");

        // when
        execute("mqtt:pub -q 1 -r --connection other a/b \"hello world\"");

        // then
        assertThat(other.published).containsExactly(new FakeMqttService.Published("a/b", "hello world", 1, true));
        assertThat(standard.published).isEmpty();
        assertThat(out()).isEqualTo("published to a/b (QoS 1, retained)\n");
    }

    @Test
    void pubWithoutOptionsUsesQos0() throws Exception {
        FakeMqttService standard = connection("default");

        execute("mqtt:pub a/b 42");

        assertThat(standard.published).containsExactly(new FakeMqttService.Published("a/b", "42", 0, false));
    }

    @Test
    void pubWithoutNameUsesTheOnlyConnection() throws Exception {
        FakeMqttService only = connection("plant");

        execute("mqtt:pub a/b hello");

        assertThat(only.published).hasSize(1);
    }

    @Test
    void pubWithoutNameAmongSeveralWithoutDefaultAsksToChoose() throws Exception {
        connection("plant");
        connection("cloud");

        execute("mqtt:pub a/b hello");

        assertThat(err()).isEqualTo("there is no connection named 'default'; choose one with -c: cloud, plant\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void pubWithBadQosSaysWhatIsWrongAndPublishesNothing() throws Exception {
        FakeMqttService standard = connection("default");

        execute("mqtt:pub a/b hello 3");
        execute("mqtt:pub -q x a/b hello");
        execute("mqtt:pub -q 1 a/b hello 2");
        execute("mqtt:pub a/b hello 1 maybe");
        execute("mqtt:pub a/b hello world 1 true");

        assertThat(standard.published).isEmpty();
        assertThat(err()).isEqualTo("QoS '3' is not 0, 1 or 2\n"
            + "QoS 'x' is not 0, 1 or 2\n"
            + "the QoS is given twice: -q 1 and 2\n"
            + "retain 'maybe' is not true or false\n"
            + "too many arguments after the payload: world 1 true (expected at most a QoS and true/false for"
            + " retain; quote a payload with spaces)\n");
    }

    @Test
    void pubToAnInvalidTopicPrintsTheServicesReason() throws Exception {
        connection("default");

        execute("mqtt:pub a/+/b x");

        assertThat(err()).isEqualTo("cannot publish: invalid topic 'a/+/b': must not contain the wildcards + or #\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void pubNotAcknowledgedInTimeIsReportedAsQueued() throws Exception {
        FakeMqttService standard = connection("default");
        standard.publishOutcome = new CompletableFuture<>();
        standard.state = ConnectionState.DISCONNECTED;

        execute("mqtt:pub a/b hello 1");

        assertThat(out()).isEqualTo("not yet sent after 200 ms: queued (state DISCONNECTED)\n");
    }

    @Test
    void pubThatFailsPrintsWhy() throws Exception {
        FakeMqttService standard = connection("default");
        standard.publishOutcome = CompletableFuture.failedFuture(new MqttServiceException(
            MqttServiceException.Reason.NOT_CONNECTED, "QoS 0 message not sent: not connected"));

        execute("mqtt:pub a/b hello");

        assertThat(err()).isEqualTo("not published to a/b: QoS 0 message not sent: not connected (NOT_CONNECTED)\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void commandsWithoutAnyConnectionSaySo() throws Exception {
        execute("mqtt:connections");
        execute("mqtt:status");
        execute("mqtt:pub a/b hello");

        assertThat(out()).isEqualTo("no MQTT connection is configured\nno MQTT connection is configured\n");
        assertThat(err()).isEqualTo("no MQTT connection is configured\n");
    }

    @Test
    void statusOfAnUnknownConnectionNamesTheKnownOnes() throws Exception {
        connection("default");
        connection("cloud");

        execute("mqtt:status nosuch");

        assertThat(err()).isEqualTo("no MQTT connection named 'nosuch'; known connections: cloud, default\n");
    }

    @Test
    void statusWithoutNameShowsEveryConnectionSeparatedByABlankLine() throws Exception {
        connection("default");
        connection("cloud");

        execute("mqtt:status");

        assertThat(out()).contains("connection            cloud\n")
            .contains("\n\nconnection            default\n")
            .contains("connected since       1970-01-01T00:00:00Z (1m 5s ago)\n");
    }

    @Test
    void metricsOfAConnectionCountWhatWasPublished() throws Exception {
        // given
        connection("default");
        connection("plant");
        execute("mqtt:pub -c plant a/b hello 1");
        out.reset();

        // when
        execute("mqtt:metrics plant");

        // then
        assertThat(out()).startsWith("connection            plant\n")
            .contains("\nmessages out              0      1      0      1\n"
                + "bytes out                 0      5      0      5\n")
            .contains("\npublish latency       none in the last minute\n")
            .endsWith("\nrecent events         none\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void metricsWithoutNameShowEveryConnectionSeparatedByABlankLine() throws Exception {
        connection("default");
        connection("cloud");

        execute("mqtt:metrics");

        assertThat(out()).startsWith("connection            cloud\n")
            .contains("\n\nconnection            default\n");
    }

    @Test
    void metricsWithoutAnyConnectionSaySo() throws Exception {
        execute("mqtt:metrics");

        assertThat(out()).isEqualTo("no MQTT connection is configured\n");
    }

    @Test
    void everyCommandGivenAnUnknownNameNamesTheKnownOnes() throws Exception {
        // given
        FakeMqttService standard = connection("default");
        connection("plant");

        // when
        execute("mqtt:status nosuch");
        execute("mqtt:metrics nosuch");
        execute("mqtt:reconnect nosuch");
        execute("mqtt:pub -c nosuch a/b hello");
        execute("mqtt:sub -c nosuch -t 1 a/#");

        // then
        assertThat(err()).isEqualTo("no MQTT connection named 'nosuch'; known connections: default, plant\n".repeat(5));
        assertThat(out()).isEmpty();
        assertThat(standard.published).isEmpty();
        assertThat(standard.subscriptions).isEmpty();
        assertThat(standard.reconnects).hasValue(0);
    }

    @Test
    void reconnectWithoutNameAmongSeveralWithoutDefaultAsksToChoose() throws Exception {
        connection("plant");
        connection("cloud");

        execute("mqtt:reconnect");
        execute("mqtt:sub a/#");

        assertThat(err()).isEqualTo(
            "there is no connection named 'default'; choose one with mqtt:reconnect <name>: cloud, plant\n"
            + "there is no connection named 'default'; choose one with -c: cloud, plant\n");
    }

    @Test
    void connectionsListsEachInNameOrder() throws Exception {
        connection("default");
        connection("cloud");

        execute("mqtt:connections");

        assertThat(out()).isEqualTo(""
            + "NAME     STATE      SERVER             CLIENT ID\n"
            + "cloud    CONNECTED  tcp://broker:1883  client-cloud\n"
            + "default  CONNECTED  tcp://broker:1883  client-default\n");
    }

    @Test
    void unboundConnectionIsForgotten() throws Exception {
        FakeMqttService gone = connection("default");
        commands.removeConnection(gone, Map.of("mqtt.connection", "default"));

        execute("mqtt:connections");

        assertThat(out()).isEqualTo("no MQTT connection is configured\n");
    }

    @Test
    void reconnectReconnectsTheDefaultConnection() throws Exception {
        FakeMqttService standard = connection("default");

        execute("mqtt:reconnect");

        assertThat(standard.reconnects).hasValue(1);
        assertThat(out())
            .isEqualTo("reconnecting default to tcp://broker:1883 (was CONNECTED); see mqtt:status default\n");
    }

    @Test
    void reconnectDoesNothingWhileTheConfigurationIsInvalid() throws Exception {
        FakeMqttService standard = connection("default");
        standard.state = ConnectionState.CONFIGURATION_ERROR;

        execute("mqtt:reconnect default");

        assertThat(standard.reconnects).hasValue(0);
        assertThat(err()).isEqualTo("not reconnecting default: its configuration is invalid (see mqtt:status)\n");
    }

    @Test
    void subPrintsMessagesUntilTheTimeIsUpThenUnsubscribes() throws Exception {
        // given
        FakeMqttService standard = connection("default");
        Future<Object> sub = executeInBackground("mqtt:sub -t 1 -q 1 a/#");
        await().atMost(TIMEOUT).until(() -> out().contains("subscribed to a/# on default (QoS 1) for 1 s\n"));
        FakeMqttService.FakeSubscription subscription = standard.subscriptions.get(0);

        // when
        subscription.deliver("a/1", "one");
        subscription.deliver("a/2", "two\nlines");
        subscription.deliver("a/3", new byte[] {(byte) 0xff, 0x00});

        // then
        assertThat(sub.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNull();
        assertThat(out()).isEqualTo("subscribed to a/# on default (QoS 1) for 1 s\n"
            + "a/1 one\n"
            + "a/2 two\\nlines\n"
            + "a/3 (2 bytes, not UTF-8: ff00)\n"
            + "3 message(s)\n");
        assertThat(subscription.closed).isTrue();
    }

    @Test
    void subEndsAndUnsubscribesWhenInterrupted() throws Exception {
        // given
        FakeMqttService standard = connection("default");
        Future<Object> sub = executeInBackground("mqtt:sub a/#");
        await().atMost(TIMEOUT).until(() -> out().contains("subscribed to a/# on default (QoS 0) until Ctrl-C\n"));

        // when Ctrl-C, which Gogo turns into an interrupt of the command's thread
        session.foregroundJob().interrupt();

        // then
        await().atMost(TIMEOUT).until(sub::isDone);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(out()).endsWith("0 message(s)\n"));
        assertThat(standard.subscriptions.get(0).closed).isTrue();
    }

    @Test
    void subEndsWhenTheConnectionGoesAway() throws Exception {
        FakeMqttService standard = connection("default");
        Future<Object> sub = executeInBackground("mqtt:sub a/#");
        await().atMost(TIMEOUT).until(() -> out().contains("subscribed to"));

        commands.removeConnection(standard, Map.of("mqtt.connection", "default"));

        await().atMost(TIMEOUT).until(sub::isDone);
        assertThat(err()).isEqualTo("connection default is gone (disabled or deleted)\n");
        assertThat(standard.subscriptions.get(0).closed).isTrue();
    }

    @Test
    void subRejectedByTheBrokerSaysSoAndEnds() throws Exception {
        FakeMqttService standard = connection("default");
        standard.subscribeAcknowledged = CompletableFuture.failedFuture(new MqttServiceException(
            MqttServiceException.Reason.BROKER_REJECTED, "the broker rejected 'a/#'"));

        execute("mqtt:sub a/#");

        assertThat(err()).isEqualTo("the broker rejected the subscription to a/#: the broker rejected 'a/#'\n");
        assertThat(out()).isEqualTo("0 message(s)\n");
        assertThat(standard.subscriptions.get(0).closed).isTrue();
    }

    @Test
    void subWhileDisconnectedSaysWhenItStarts() throws Exception {
        FakeMqttService standard = connection("default");
        standard.state = ConnectionState.DISCONNECTED;
        standard.subscribeAcknowledged = new CompletableFuture<>();

        execute("mqtt:sub -t 1 a/#");

        assertThat(out()).isEqualTo("default is DISCONNECTED: the subscription starts once it connects\n"
            + "0 message(s)\n");
    }

    @Test
    void subWithBadArgumentsSaysWhatIsWrong() throws Exception {
        FakeMqttService standard = connection("default");

        execute("mqtt:sub -t 0 a/#");
        execute("mqtt:sub -q 5 a/#");
        execute("mqtt:sub a/#/b");

        assertThat(err()).isEqualTo("seconds '0' is not a whole number above 0\n"
            + "QoS '5' is not 0, 1 or 2\n"
            + "cannot subscribe: invalid topic filter 'a/#/b': # must be a whole level and the last one\n");
        assertThat(standard.subscriptions).isEmpty();
    }
}
