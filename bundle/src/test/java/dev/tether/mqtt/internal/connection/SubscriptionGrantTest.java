package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** What the broker's SUBACK grants, or refuses, shows in the subscription and the status. */
class SubscriptionGrantTest {

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void aLowerQosGrantedShowsBesideTheQosAsked() throws Exception {
        // given a broker that grants QoS 1 to any subscription
        ScriptedBroker broker = connections.closeAfter(brokerAnswering(1));
        ManagedConnection connection = connections.open(null, connections.config(broker));

        // when a subscription asks for QoS 2
        MqttSubscription subscription = connection.subscribe(List.of("granted/#"), 2, message -> { });

        // then it is acknowledged, and the status shows both
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5))
            .until(() -> connection.status().subscriptions().get(0).grantedQos().isPresent());
        SubscriptionStatus status = connection.status().subscriptions().get(0);
        assertThat(status.topicFilter()).isEqualTo("granted/#");
        assertThat(status.qos()).isEqualTo(2);
        assertThat(status.grantedQos()).isEqualTo(OptionalInt.of(1));
        assertThat(((Subscribe) broker.connection(1).received().get(1)).subscriptions().get(0).qos()).isEqualTo(2);
    }

    @Test
    void aRefusedSubscriptionFailsItsAcknowledgementAndShowsInLastError() throws Exception {
        // given a broker that refuses any subscription (0x80)
        ScriptedBroker broker = connections.closeAfter(brokerAnswering(SubAck.FAILURE));
        ManagedConnection connection = connections.open(null, connections.config(broker));

        // when a subscription is made
        MqttSubscription subscription = connection.subscribe(List.of("refused/#"), 1, message -> { });

        // then its acknowledgement fails, saying why, and so does the status
        assertThat(subscription.acknowledged().toCompletableFuture()).failsWithin(Duration.ofSeconds(10))
            .withThrowableOfType(Exception.class).havingRootCause().isInstanceOf(MqttServiceException.class)
            .withMessage("the broker rejected the subscription to 'refused/#': SUBACK failure (0x80)");
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.status().lastError().isPresent());
        assertThat(connection.status().lastError())
            .hasValue("subscription to 'refused/#' rejected: SUBACK failure (0x80)");
        assertThat(connection.status().subscriptions().get(0).grantedQos()).isEmpty();
    }

    private static ScriptedBroker brokerAnswering(int returnCode) throws Exception {
        return ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0, Properties.NONE));
            Subscribe subscribe = client.expect(Subscribe.class);
            client.send(new SubAck(subscribe.packetId(), List.of(returnCode), Properties.NONE));
        });
    }
}
