package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.SubscriptionStatus;

/**
 * The {@code mqtt:*} Gogo commands of the shell bundle, run through a Gogo {@link CommandSession} as
 * a console would, against the default connection to a Moquette broker, and against connections without a
 * broker for the mistakes at the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends TetherTestSupport {

    private static final String PASSWORD = "never-shown-3f9a";

    @Inject
    private CommandProcessor commandProcessor;

    private RemoteBroker broker;
    private String clientId;
    private MqttService service;
    private CommandSession session;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Adds Gogo's runtime and the shell bundle to the framework of {@link TetherTestSupport}. */
    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        File shell = new File(
            System.getProperty("tether.shell", "../shell/target/dev.tether.mqtt.shell-0.1.0-SNAPSHOT.jar"));
        if (!shell.isFile()) {
            throw new IllegalStateException("shell bundle not built: " + shell.getAbsolutePath());
        }
        return OptionUtils.combine(super.config(),
            mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject(),
            bundle(shell.toURI().toString()));
    }

    @Before
    public void openSession() throws Exception {
        await("mqtt commands registered").atMost(TIMEOUT)
            .until(() -> !context.getServiceReferences(Object.class, "(osgi.command.scope=mqtt)").isEmpty());
        session = commandProcessor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
        closeAfter(session::close);
    }

    /** Connects the default connection to a broker of its own, with a password the output must never show. */
    private void connectDefault() throws Exception {
        broker = startBroker("moquette");
        clientId = uniqueClientId("shell");
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", broker.server());
        properties.put("client_id", clientId);
        properties.put("user", "shell");
        properties.put("pass", PASSWORD);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 2);
        configureDefault(properties);
        service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
    }

    /**
     * Registers the default connection without a broker, for tests of mistakes at the shell: they need
     * a connection to exist, not to work (and each broker costs seconds to stop).
     */
    private void configureDefaultWithoutBroker() throws Exception {
        configureDefault(Map.of("enable", true, "server", "127.0.0.1:1", "client_id", uniqueClientId("shell")));
        service = awaitService(MqttService.DEFAULT_CONNECTION);
    }

    /** Registers a named connection without a broker, like {@link #configureDefaultWithoutBroker()}. */
    private void configureWithoutBroker(String name) throws Exception {
        configureConnection(name, Map.of("enable", true, "server", "127.0.0.1:1", "client_id", uniqueClientId(name)));
        awaitService(name);
    }

    /** Runs a command line and checks that Gogo neither throws nor returns a value it would print. */
    private void execute(String commandLine) throws Exception {
        assertThat(session.execute(commandLine)).as("result of %s", commandLine).isNull();
    }

    /** Starts a command line on another thread, as a console does, for commands that run until stopped. */
    private Future<Object> executeInBackground(String commandLine) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        closeAfter(thread::shutdownNow);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.execute(commandLine);
            } catch (Exception e) {
                throw new IllegalStateException(commandLine + " failed", e);
            }
        }, thread);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private boolean subscribed(String filter) {
        return service.status().subscriptions().stream().map(SubscriptionStatus::topicFilter).anyMatch(filter::equals);
    }

    @Test
    public void pubPublishesTheMessageAndSaysSo() throws Exception {
        // given
        connectDefault();
        TestClient observer = client(broker);
        observer.subscribe("it/shell/#", 1);

        // when
        execute("mqtt:pub it/shell/x hello 1");

        // then
        assertThat(out()).isEqualTo("published to it/shell/x (QoS 1)\n");
        assertThat(err()).isEmpty();
        await().atMost(TIMEOUT)
            .untilAsserted(() -> assertThat(observer.payloads("it/shell/x")).containsExactly("hello"));
    }

    @Test
    public void subPrintsEachMessageForTheGivenSecondsThenUnsubscribes() throws Exception {
        // given
        connectDefault();
        TestClient publisher = client(broker);
        Future<Object> sub = executeInBackground("mqtt:sub -t 4 it/shell/#");
        String subscribedLine = "subscribed to it/shell/# on default (QoS 0) for 4 s\n";
        await("acknowledged by the broker").atMost(TIMEOUT).until(() -> out().equals(subscribedLine));
        assertThat(subscribed("it/shell/#")).isTrue();

        // when
        publisher.publish("it/shell/a", "one", 1);
        publisher.publish("it/shell/b", "two", 1);

        // then
        await().atMost(TIMEOUT).until(() -> out().equals(subscribedLine + "it/shell/a one\nit/shell/b two\n"));
        assertThat(sub.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNull();
        assertThat(out()).isEqualTo(subscribedLine + "it/shell/a one\nit/shell/b two\n2 message(s)\n");
        assertThat(err()).isEmpty();
        await("unsubscribed").atMost(TIMEOUT).until(() -> !subscribed("it/shell/#"));
    }

    @Test
    public void subEndsAndUnsubscribesOnCtrlC() throws Exception {
        // given
        connectDefault();
        Future<Object> sub = executeInBackground("mqtt:sub it/shell/#");
        await().atMost(TIMEOUT).until(() -> out().equals("subscribed to it/shell/# on default (QoS 0) until Ctrl-C\n"));

        // when Ctrl-C: a console interrupts the session's foreground job, which interrupts the command's
        // thread (interrupting the thread that called execute would only end the wait for the job)
        session.foregroundJob().interrupt();

        // then
        await("command ended").atMost(TIMEOUT).until(sub::isDone);
        await("unsubscribed").atMost(TIMEOUT).until(() -> !subscribed("it/shell/#"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(out()).endsWith("until Ctrl-C\n0 message(s)\n"));
    }

    @Test
    public void statusShowsTheConnectionAndItsSubscriptionsButNoPassword() throws Exception {
        // given
        connectDefault();
        MqttSubscription subscription = closeAfter(service.subscribe("it/shell/status/#", 1, message -> { }));
        complete(subscription.acknowledged());

        // when
        execute("mqtt:status");

        // then
        String server = service.status().server();
        assertThat(server).endsWith(broker.server());
        assertThat(out().split("\n")).contains(
            "connection            default",
            "state                 CONNECTED",
            "server                " + server,
            "client id             " + clientId,
            "protocol              MQTT 3.1.1",
            "reconnect attempts    0",
            "last error            none",
            "subscriptions         1",
            "  it/shell/status/#  QoS 1  granted 1  1 listener");
        assertThat(out()).containsPattern("\nconnected since       \\d{4}-\\d\\d-\\d\\dT\\S+Z \\(.+ ago\\)\n")
            .doesNotContain(PASSWORD);
        assertThat(err()).isEmpty();
    }

    @Test
    public void metricsCountWhatPubPublished() throws Exception {
        // given
        connectDefault();
        execute("mqtt:pub it/shell/metrics hello 1");
        assertThat(out()).isEqualTo("published to it/shell/metrics (QoS 1)\n");
        out.reset();

        // when
        execute("mqtt:metrics");

        // then
        assertThat(out().split("\n")).contains(
            "connection            default",
            "                      QoS 0  QoS 1  QoS 2  total",
            "messages in               0      0      0      0",
            "bytes in                  0      0      0      0",
            "messages out              0      1      0      1",
            "bytes out                 0      5      0      5",
            "connects              1",
            "connection losses     0",
            "failed attempts       0",
            "queued messages       0",
            "in flight             0",
            "dropped messages      0");
        assertThat(out())
            .containsPattern("\npublish latency       p50 \\S+  p99 \\S+  max \\S+"
                + "  \\(1 acknowledged in the last minute\\)\n")
            .containsPattern("\n  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  CONNECTED +"
                + Pattern.quote(service.status().server()) + " with .+\n")
            .doesNotContain(PASSWORD);
        assertThat(err()).isEmpty();
    }

    @Test
    public void connectionsListsTheDefaultConnection() throws Exception {
        // given
        connectDefault();

        // when
        execute("mqtt:connections");

        // then
        String[] lines = out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("NAME +STATE +SERVER +CLIENT ID");
        assertThat(lines[1]).matches("default +CONNECTED +" + Pattern.quote(service.status().server()) + " +"
            + Pattern.quote(clientId));
        assertThat(lines[1].indexOf("CONNECTED")).as("aligned with the header").isEqualTo(lines[0].indexOf("STATE"));
    }

    @Test
    public void reconnectEndsTheSessionAndConnectsAgain() throws Exception {
        // given
        connectDefault();
        Instant connectedBefore = service.status().connectedSince().orElseThrow();

        // when
        execute("mqtt:reconnect");

        // then
        assertThat(out()).isEqualTo("reconnecting default to " + service.status().server()
            + " (was CONNECTED); see mqtt:status default\n");
        await("connected again").atMost(TIMEOUT).untilAsserted(() -> assertThat(service.status().connectedSince())
            .hasValueSatisfying(since -> assertThat(since).isAfter(connectedBefore)));
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
    }

    @Test
    public void pubToATopicWithWildcardsSaysWhyWithoutThrowing() throws Exception {
        // given
        configureDefaultWithoutBroker();

        // when
        execute("mqtt:pub a/+/b x");

        // then
        assertThat(err()).isEqualTo("cannot publish: invalid topic 'a/+/b': must not contain the wildcards + or #\n");
        assertThat(out()).isEmpty();
    }

    @Test
    public void everyCommandGivenAnUnknownNameNamesTheKnownOnesWithoutThrowing() throws Exception {
        // given
        configureDefaultWithoutBroker();
        configureWithoutBroker("plant");

        // when
        execute("mqtt:status nosuch");
        execute("mqtt:metrics nosuch");
        execute("mqtt:reconnect nosuch");
        execute("mqtt:pub -c nosuch it/shell/x hello");
        execute("mqtt:sub -c nosuch -t 1 it/shell/#");

        // then
        assertThat(err()).isEqualTo("no MQTT connection named 'nosuch'; known connections: default, plant\n".repeat(5));
        assertThat(out()).isEmpty();
    }

    @Test
    public void reconnectWithoutNameAndNoDefaultNamesTheConnections() throws Exception {
        // given
        configureWithoutBroker("plant");
        configureWithoutBroker("line-2");

        // when
        execute("mqtt:reconnect");

        // then
        assertThat(err()).isEqualTo(
            "there is no connection named 'default'; choose one with mqtt:reconnect <name>: line-2, plant\n");
        assertThat(out()).isEmpty();
    }
}
