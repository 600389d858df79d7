package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/** Mosquitto 2.0.11 refusing publishes and subscriptions: Tether's errors carry the broker's reason codes. */
class Mqtt5MosquittoRefusalTest {

    /** Anonymous clients (the lines before any "user" line) may do anything but write below denied/. */
    private static final String[] ACL = {"topic readwrite #", "topic deny denied/#"};

    /** The dynamic security plugin's configuration: anonymous clients may neither publish nor subscribe there. */
    private static final String DYNAMIC_SECURITY = """
        {
          "defaultACLAccess": {"publishClientSend": true, "publishClientReceive": true,
                               "subscribe": true, "unsubscribe": true},
          "clients": [],
          "groups": [{"groupname": "anonymous", "roles": [{"rolename": "fenced"}]}],
          "roles": [{"rolename": "fenced", "acls": [
            {"acltype": "publishClientSend", "topic": "denied/#", "priority": 0, "allow": false},
            {"acltype": "subscribePattern", "topic": "denied/#", "priority": 0, "allow": false}]}],
          "anonymousGroup": "anonymous"
        }
        """;

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static CompletableFuture<Void> publish(ManagedConnection connection, String topic, int qos) {
        return connection.publish(topic, "x".getBytes(StandardCharsets.UTF_8), qos, false).toCompletableFuture();
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {1, 2})
    void aPublishTheAclDeniesFailsWithTheBrokersReasonCodeAndTheConnectionStays(int qos) throws Exception {
        // given Mosquitto with an acl_file that denies writing below denied/, and a connection
        mosquitto = Mqtt5Mosquitto.in(work).aclFile(ACL).start();
        ManagedConnection connection = mosquitto.connect("acl-pub");
        Instant connectedSince = connection.status().connectedSince().orElseThrow();

        // when it publishes there (Mosquitto answers PUBACK or PUBREC 0x87)
        CompletableFuture<Void> denied = publish(connection, "denied/secret", qos);

        // then the publish fails as the broker's refusal, with its code
        assertThat(denied).failsWithin(Mqtt5Mosquitto.TIMEOUT).withThrowableThat().havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.BROKER_REJECTED);
                assertThat(e.reasonCode()).hasValue(0x87);
                assertThat(e.getMessage()).contains("0x87");
            });
        // and the connection is still the same one: the next publish elsewhere succeeds (Mosquitto answers it with
        // 0x10 "no matching subscribers", a success)
        assertThat(publish(connection, "allowed/open", qos)).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.status().connectedSince()).contains(connectedSince);
        assertThat(mosquitto.logLines(Mqtt5Mosquitto.connectedAs("acl-pub"))).isEqualTo(1);
        assertThat(mosquitto.logLines("Denied PUBLISH from acl-pub")).isEqualTo(1);
    }

    @ParameterizedTest(name = "protocol_version={0}: SUBACK 0x{1}")
    @CsvSource({"5, 87", "3.1.1, 80"})
    void aRefusedSubscriptionShowsTheCodeAndFailsItsStageWhileTheOthersWork(String version, String hexCode)
            throws Exception {
        // given Mosquitto refusing subscriptions below denied/ (the dynamic security plugin; an acl_file cannot),
        // with 0x87 on MQTT 5 and MQTT 3.1.1's only failure code 0x80
        int code = Integer.parseInt(hexCode, 16);
        mosquitto = Mqtt5Mosquitto.in(work).dynamicSecurity(DYNAMIC_SECURITY).start();
        ManagedConnection connection = mosquitto.connect("acl-sub", "protocol_version", version);

        // when the connection subscribes to a denied filter and to an allowed one
        MqttSubscription refused = connection.subscribe(List.of("denied/#"), 1, message -> { });
        Inbox inbox = new Inbox();
        MqttSubscription allowed = connection.subscribe(List.of("allowed/#"), 1, inbox);

        // then the denied one's stage fails with the broker's refusal, and its status shows the SUBACK's code
        assertThat(refused.acknowledged().toCompletableFuture()).failsWithin(Mqtt5Mosquitto.TIMEOUT)
            .withThrowableThat().havingCause().isInstanceOfSatisfying(MqttServiceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.BROKER_REJECTED);
                assertThat(e.getMessage()).contains("0x" + hexCode);
                assertThat(e.reasonCode()).as("the SUBACK's reason code").hasValue(code);
            });
        SubscriptionStatus deniedStatus = connection.status().subscriptions().stream()
            .filter(status -> status.topicFilter().equals("denied/#")).findFirst().orElseThrow();
        assertThat(deniedStatus.refusalCode()).hasValue(code);
        assertThat(deniedStatus.grantedQos()).isEmpty();
        // and the other subscription works
        assertThat(allowed.acknowledged().toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        mosquitto.mosquittoPub("-t", "allowed/news", "-m", "fine", "-q", "1");
        inbox.awaitPayload("fine");
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }
}
