package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.accept;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.disconnects;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.publishes;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static dev.tether.mqtt.internal.testbroker.ScriptedBroker.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** Topic aliases (MQTT 5.0, 3.3.2.3.4): the ones Tether gives the broker, and the ones the broker gives Tether. */
class Mqtt5ScriptedAliasTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Properties TWO_ALIASES = Properties.builder().integer(PropertyIds.TOPIC_ALIAS_MAXIMUM, 2)
        .build();

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    private ManagedConnection connected(ScriptedBroker broker) {
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        return connection;
    }

    private static void publishInTurn(ManagedConnection connection, String... topics) {
        for (String topic : topics) {
            assertThat(connection.publish(topic, new byte[] {1}, 1, false).toCompletableFuture())
                .succeedsWithin(TIMEOUT);
        }
    }

    /** @return each PUBLISH as (topic, Topic Alias or -1) */
    private static List<org.assertj.core.groups.Tuple> aliased(ScriptedConnection client) {
        return publishes(client).stream().map(publish -> tuple(publish.topic(),
            publish.properties().integer(PropertyIds.TOPIC_ALIAS).orElse(-1))).toList();
    }

    @Test
    void aliasesAreHandedOutUpToTheBrokersTopicAliasMaximum() throws Exception {
        // given a broker with Topic Alias Maximum 2
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, TWO_ALIASES);
            serve(client);
        }));
        ManagedConnection connection = connected(broker);

        // when messages go to A, A, B, C and C
        publishInTurn(connection, "alias/a", "alias/a", "alias/b", "alias/c", "alias/c");

        // then A's first carries its topic and sets alias 1, the next uses alias 1 with an empty topic; B gets 2; C
        // finds none left and goes with its topic each time, and no alias above 2 [MQTT-3.3.2-9]
        assertThat(aliased(broker.connection(1))).containsExactly(tuple("alias/a", 1L), tuple("", 1L),
            tuple("alias/b", 2L), tuple("alias/c", -1L), tuple("alias/c", -1L));
    }

    @Test
    void aNewConnectionStartsWithoutAliases() throws Exception {
        // given a broker with Topic Alias Maximum 2 that drops the first connection when the test says so
        CountDownLatch drop = new CountDownLatch(1);
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, TWO_ALIASES);
            if (client.number() == 1) {
                client.expect(Publish.class);
                client.send(Mqtt5Scripts.answer(client.expect(Publish.class)));
                assertThat(drop.await(10, TimeUnit.SECONDS)).isTrue();
                client.close();
                return;
            }
            serve(client);
        }));
        ManagedConnection connection = connected(broker);
        // the first PUBLISH sets alias 1 for A, the broker leaves it unacknowledged, the second uses it
        connection.publish("alias/a", new byte[] {1}, 1, false);
        publishInTurn(connection, "alias/a");

        // when the connection is lost and made again, and a message goes to A
        drop.countDown();
        broker.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        publishInTurn(connection, "alias/a");

        // then the new connection's first PUBLISH to A carries the topic again: aliases last as long as the
        // connection [MQTT-3.3.2-7]; the one left unacknowledged goes first, again, and sets the alias anew
        assertThat(aliased(broker.connection(1))).containsExactly(tuple("alias/a", 1L), tuple("", 1L));
        assertThat(aliased(broker.connection(2))).containsExactly(tuple("alias/a", 1L), tuple("", 1L));
    }

    @Test
    void withoutTopicAliasMaximumNoPublishCarriesAnAlias() throws Exception {
        // given a broker that announces no Topic Alias Maximum: it takes no aliases (3.2.2.3.8)
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            serve(client);
        }));
        ManagedConnection connection = connected(broker);

        // when messages go to the same topic twice
        publishInTurn(connection, "alias/a", "alias/a");

        // then both carry the topic and no alias
        assertThat(aliased(broker.connection(1))).containsExactly(tuple("alias/a", -1L), tuple("alias/a", -1L));
    }

    @Test
    void theBrokersAliasesAreResolvedForTheListener() throws Exception {
        // given a broker that sets alias 3 with a message, then uses it with an empty topic
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            Subscribe subscribe = client.expect(Subscribe.class);
            client.send(new SubAck(subscribe.packetId(), List.of(1), Properties.NONE));
            Properties alias3 = Properties.builder().integer(PropertyIds.TOPIC_ALIAS, 3).build();
            client.send(new Publish("alias/in", "first".getBytes(), 0, false, false, 0, alias3),
                new Publish("", "second".getBytes(), 0, false, false, 0, alias3));
            serve(client);
        }));
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));

        // when a listener is subscribed
        List<String> received = new CopyOnWriteArrayList<>();
        connection.subscribe(List.of("alias/#"), 1, message -> received.add(message.topic() + " "
            + message.payloadAsString()));

        // then it gets both messages, with the topic the alias stands for
        await().atMost(TIMEOUT).until(() -> received.size() == 2);
        assertThat(received).containsExactly("alias/in first", "alias/in second");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // alias 0 breaks [MQTT-3.3.2-8], which the decoder catches as a Protocol Error; above the maximum is Topic
        // Alias invalid (3.3.4); one never set up is a Protocol Error (3.3.2.3.4)
        "alias 0|30 0A 00 03 61 2F 62 03 23 00 00 78|130|the Topic Alias of 0 in a PUBLISH is not 1 to 65535",
        "alias 65, above the 64 Tether announced|30 0A 00 03 61 2F 62 03 23 00 41 78|148"
            + "|the broker used topic alias 65; this client accepts 1 to 64",
        "alias 5, never set up|30 07 00 00 03 23 00 05 78|130|the broker used topic alias 5 before it set it up"})
    void anInvalidAliasFromTheBrokerEndsTheConnectionWithAReasonAndItComesBack(String what, String bytes,
            int reasonCode, String named) throws Exception {
        // given a broker that sends the bad alias on its first connection
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            if (client.number() == 1) {
                client.sendRaw(hex(bytes));
            }
            serve(client);
        }));

        // when Tether connects
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));

        // then it tells the broker why in a DISCONNECT, closes, says why in lastError, and connects again
        ScriptedConnection first = broker.awaitConnection(1, TIMEOUT);
        assertThat(first.ended()).succeedsWithin(TIMEOUT);
        assertThat(disconnects(first)).singleElement().extracting(disconnect -> disconnect.reasonCode())
            .isEqualTo(reasonCode);
        assertThat(first.received().get(first.received().size() - 1).type().toString()).isEqualTo("DISCONNECT");
        broker.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString()
            .startsWith("connection to tcp://" + broker.address() + " lost: the broker broke the MQTT protocol: ")
            .contains(named);
    }
}
