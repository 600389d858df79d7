package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.SubscriptionStatus;

/**
 * Connecting, publishing and subscribing, whiteboard listeners, configuration changes and errors,
 * and several connections, against one kind of broker (see the {@code *IT} subclasses).
 */
public abstract class ConnectionScenarios extends TetherTestSupport {

    protected RemoteBroker broker;

    /** @return {@code moquette} or {@code mosquitto} */
    protected abstract String brokerKind();

    /**
     * @return the {@code protocol_version} the scenarios configure: {@code auto} unless a broker run pins one, so the
     *     same scenarios prove both MQTT versions
     */
    protected String protocolVersion() {
        return "auto";
    }

    /** @return the MQTT version the connections must end up speaking: what the broker and the setting agree on */
    protected abstract String expectedProtocol();

    @Before
    public void startBroker() {
        broker = startBroker(brokerKind());
    }

    protected Map<String, Object> connectionTo(RemoteBroker broker, String clientId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("protocol_version", protocolVersion());
        properties.put("server", broker.server());
        properties.put("client_id", clientId);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 2);
        return properties;
    }

    private MqttService connectDefault(RemoteBroker to, String clientId) throws Exception {
        configureDefault(connectionTo(to, clientId));
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        assertThat(service.status().protocolVersion()).as("the MQTT version of the session").hasValue(expectedProtocol());
        return service;
    }

    @Test
    public void enabledConfigurationRegistersServiceThatPublishesAndSubscribes() throws Exception {
        // given
        MqttService service = connectDefault(broker, uniqueClientId("roundtrip"));
        Recorder recorder = new Recorder();
        MqttSubscription subscription = closeAfter(service.subscribe("rt/#", 1, recorder));
        complete(subscription.acknowledged());
        TestClient observer = client(broker);
        observer.subscribe("rt/#", 1);

        // when
        complete(service.publish("rt/out", "from-tether", 1, false));
        observer.publish("rt/in", "from-paho", 1);

        // then
        ServiceReference<MqttService> reference = context.getServiceReferences(MqttService.class,
            "(" + MqttService.CONNECTION_PROPERTY + "=default)").iterator().next();
        assertThat(reference.getProperty(MqttService.SERVER_PROPERTY)).asString().contains(":" + broker.port());
        assertThat(service.connectionName()).isEqualTo("default");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(observer.payloads("rt/out")).containsExactly("from-tether");
            assertThat(recorder.payloads("rt/out")).containsExactly("from-tether");
            assertThat(recorder.payloads("rt/in")).containsExactly("from-paho");
        });
    }

    @Test
    public void propertiesGivenAsStringsAreAccepted() throws Exception {
        // given every value as a String, as a web console or a .cfg file gives them
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", "true");
        properties.put("server", "tcp://" + broker.server());
        properties.put("client_id", uniqueClientId("strings"));
        properties.put("clean_session", "true");
        properties.put("keep_alive", "30");
        properties.put("reconnect_timeout_min", "1");
        properties.put("reconnect_timeout_max", "5");
        properties.put("max_qos", "1");
        properties.put("max_queue_length", "10");

        // when
        configureDefault(properties);

        // then
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        assertThat(service.subscribe("strings/#", 2, new Recorder()).qos()).as("QoS capped at max_qos").isEqualTo(1);
    }

    @Test
    public void whiteboardListenersRegisteredBeforeConfigurationAndAfterConnectBothReceive() throws Exception {
        // given
        Recorder early = new Recorder();
        whiteboard(early, null, "wb/#");
        MqttService service = connectDefault(broker, uniqueClientId("whiteboard"));
        Recorder late = new Recorder();
        whiteboard(late, MqttService.DEFAULT_CONNECTION, "wb/late/+", "wb/other");
        TestClient publisher = client(broker);

        // when / then
        publishUntil(payload -> publisher.publish("wb/late/1", payload, 1),
            () -> assertThat(early.topics()).contains("wb/late/1"),
            () -> assertThat(late.topics()).contains("wb/late/1"));
        publisher.publish("wb/other", "second filter", 1);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(late.payloads("wb/other")).containsExactly("second filter");
            assertThat(early.payloads("wb/other")).containsExactly("second filter");
        });
        assertThat(service.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    public void whiteboardFilterWithTheClientIdPlaceholderFollowsTheClientId() throws Exception {
        // given a whiteboard listener on tether/{client_id}/cmd/#, and a connection with client id "first"
        String first = uniqueClientId("first");
        Map<String, Object> properties = connectionTo(broker, first);
        Configuration configuration = configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        Recorder board = new Recorder();
        whiteboard(board, null, "tether/" + MqttMessageListener.CLIENT_ID_PLACEHOLDER + "/cmd/#");
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        TestClient publisher = client(broker);
        publishUntil(payload -> publisher.publish("tether/" + first + "/cmd/a", payload, 1),
            () -> assertThat(board.topics()).contains("tether/" + first + "/cmd/a"));
        assertThat(serviceProperty(MqttService.CLIENT_ID_PROPERTY)).isEqualTo(first);

        // when the configuration changes the client id
        String second = uniqueClientId("second");
        properties.put("client_id", second);
        update(configuration, properties);

        // then the service property and the subscription follow it, and the old id's topics no longer arrive
        await().atMost(TIMEOUT).until(() -> second.equals(serviceProperty(MqttService.CLIENT_ID_PROPERTY)));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(service.status().subscriptions())
            .extracting(SubscriptionStatus::topicFilter).containsExactly("tether/" + second + "/cmd/#"));
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        board.clear();
        publisher.publish("tether/" + first + "/cmd/old", "old id", 1);
        publishUntil(payload -> publisher.publish("tether/" + second + "/cmd/b", payload, 1),
            () -> assertThat(board.topics()).contains("tether/" + second + "/cmd/b"));
        assertThat(board.topics()).doesNotContain("tether/" + first + "/cmd/old");
    }

    private Object serviceProperty(String key) throws Exception {
        return context.getServiceReferences(MqttService.class,
            "(" + MqttService.CONNECTION_PROPERTY + "=default)").iterator().next().getProperty(key);
    }

    @Test
    public void failsOverToTheBackupServerAndReturnsWhenTheServerIsBack() throws Exception {
        // given a connection to the server with a backup, and subscribers through the API and the whiteboard
        RemoteBroker backup = startBroker(brokerKind());
        Map<String, Object> properties = connectionTo(broker, uniqueClientId("failover"));
        properties.put("backup_server", backup.server());
        properties.put("primary_check_interval", 1);
        configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        Recorder direct = new Recorder();
        closeAfter(service.subscribe("failover/#", 1, direct));
        Recorder board = new Recorder();
        whiteboard(board, null, "failover/#");
        TestClient onServer = client(broker);
        publishUntil(payload -> onServer.publish("failover/server", payload, 1),
            () -> assertThat(direct.topics()).contains("failover/server"),
            () -> assertThat(board.topics()).contains("failover/server"));

        // when the server stops
        onServer.close();
        broker.stop();

        // then traffic moves to the backup, subscriptions intact
        await("on the backup").atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(service.status().onBackupServer()).as(describe(service)).isTrue();
            assertThat(service.state()).isEqualTo(ConnectionState.CONNECTED);
        });
        assertThat(service.status().server()).endsWith(":" + backup.port());
        TestClient onBackup = client(backup);
        publishUntil(payload -> onBackup.publish("failover/backup", payload, 1),
            () -> assertThat(direct.topics()).contains("failover/backup"),
            () -> assertThat(board.topics()).contains("failover/backup"));

        // when the server is back
        broker.start();

        // then the connection returns to it
        await("back on the server").atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(service.status().onBackupServer()).as(describe(service)).isFalse();
            assertThat(service.state()).isEqualTo(ConnectionState.CONNECTED);
        });
        TestClient again = client(broker);
        publishUntil(payload -> again.publish("failover/returned", payload, 1),
            () -> assertThat(direct.topics()).contains("failover/returned"),
            () -> assertThat(board.topics()).contains("failover/returned"));
    }

    @Test
    public void changingTheServerMovesSubscriptionsAndLeavesNoConnectionBehind() throws Exception {
        // given a connection to the first broker, with a direct and a whiteboard subscriber
        RemoteBroker second = startBroker(brokerKind());
        String clientId = uniqueClientId("move");
        Map<String, Object> properties = connectionTo(broker, clientId);
        Configuration configuration = configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        long serviceId = serviceId("default");
        Recorder direct = new Recorder();
        closeAfter(service.subscribe("move/#", 1, direct));
        Recorder board = new Recorder();
        whiteboard(board, null, "move/#");
        TestClient onFirst = client(broker);
        TestClient onSecond = client(second);
        publishUntil(payload -> onFirst.publish("move/first", payload, 1),
            () -> assertThat(direct.topics()).contains("move/first"),
            () -> assertThat(board.topics()).contains("move/first"));
        long baseline = connectionThreads();
        assertThat(baseline).as("threads of one connection (its reader, and the shared scheduler)").isPositive();

        // when the server changes five times, ending on the second broker
        for (int change = 1; change <= 5; change++) {
            RemoteBroker target = change % 2 == 1 ? second : broker;
            properties.put("server", target.server());
            update(configuration, properties);
            await("connected to " + target).atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(service.status().server()).endsWith(":" + target.port());
                assertThat(service.state()).as(describe(service)).isEqualTo(ConnectionState.CONNECTED);
            });
        }

        // then the same service now receives from the second broker only
        assertThat(awaitService(MqttService.DEFAULT_CONNECTION)).isSameAs(service);
        assertThat(serviceId("default")).isEqualTo(serviceId);
        direct.clear();
        board.clear();
        onSecond.publish("move/second", "on the new broker", 1);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(direct.payloads("move/second")).containsExactly("on the new broker");
            assertThat(board.payloads("move/second")).containsExactly("on the new broker");
        });
        await("old broker sees Tether gone").atMost(TIMEOUT)
            .untilAsserted(() -> assertThat(broker.connectedClients()).doesNotContain(clientId));
        assertThat(second.connectedClients()).contains(clientId);
        onFirst.publish("move/first", "on the old broker", 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(direct.topics()).doesNotContain("move/first");
            assertThat(board.topics()).doesNotContain("move/first");
        });
        await("threads back to one connection's worth (" + baseline + ")").atMost(TIMEOUT)
            .untilAsserted(() -> assertThat(connectionThreads()).isLessThanOrEqualTo(baseline));
    }

    private long serviceId(String connection) throws Exception {
        return (Long) context.getServiceReferences(MqttService.class,
            "(" + MqttService.CONNECTION_PROPERTY + "=" + connection + ")").iterator().next()
            .getProperty("service.id");
    }

    @Test
    public void invalidServerIsReportedAndFixedWithoutRestart() throws Exception {
        assertInvalidThenFixed("server", "localhost:99999", Map.of("server", "localhost:99999"), "server", "99999");
    }

    @Test
    public void reconnectMinAboveMaxIsReportedAndFixedWithoutRestart() throws Exception {
        assertInvalidThenFixed("reconnect_timeout_min", "10",
            Map.of("reconnect_timeout_min", 10, "reconnect_timeout_max", 5), "reconnect_timeout_min", "10");
    }

    @Test
    public void maxQosOutOfRangeIsReportedAndFixedWithoutRestart() throws Exception {
        assertInvalidThenFixed("max_qos", "7", Map.of("max_qos", 7), "max_qos", "7");
    }

    @Test
    public void willMessageWithoutTopicIsReportedAndFixedWithoutRestart() throws Exception {
        assertInvalidThenFixed("will_message", "gone", Map.of("will_message", "gone"), "will_message='gone'",
            "will_topic");
    }

    private void assertInvalidThenFixed(String property, String value, Map<String, Object> invalid,
        String expectedName, String expectedValue) throws Exception {
        // given
        Map<String, Object> properties = connectionTo(broker, uniqueClientId("invalid"));
        properties.putAll(invalid);

        // when
        Configuration configuration = configureDefault(properties);

        // then
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONFIGURATION_ERROR, TIMEOUT);
        assertThat(service.status().lastError()).as("lastError for %s=%s", property, value).hasValueSatisfying(
            error -> assertThat(error).contains(expectedName).contains(expectedValue));

        // when fixed
        Map<String, Object> fixed = connectionTo(broker, (String) properties.get("client_id"));
        update(configuration, fixed);

        // then
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        assertThat(awaitService(MqttService.DEFAULT_CONNECTION)).isSameAs(service);
    }

    @Test
    public void passwordIsNeverLoggedNorShown() throws Exception {
        // given a connection with credentials, then a configuration error that involves the password
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> properties = connectionTo(broker, uniqueClientId("secret"));
        properties.put("user", "gateway");
        properties.put("pass", password);
        Configuration configuration = configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);

        // when (MQTT 3.1.1 sends no password without a user name; MQTT 5 does)
        properties.put("user", "");
        properties.put("protocol_version", "3.1.1");
        update(configuration, properties);
        awaitState(service, ConnectionState.CONFIGURATION_ERROR, TIMEOUT);

        // then
        assertThat(service.status().lastError()).get().asString().contains("pass='<hidden>'");
        assertThat(service.status().toString()).doesNotContain(password);
        assertThat(tetherLog.lines()).as("Tether's log").isNotEmpty()
            .noneMatch(line -> line.contains(password));
        ServiceReference<MqttService> reference = context.getServiceReference(MqttService.class);
        for (String key : reference.getPropertyKeys()) {
            assertThat(String.valueOf(reference.getProperty(key))).doesNotContain(password);
        }
    }

    @Test
    public void whatABundleOpenedIsClosedWhenItReleasesTheService() throws Exception {
        // given this bundle's only use of the service, with a subscription it never closes
        configureDefault(connectionTo(broker, uniqueClientId("release")));
        ServiceTracker<MqttService, MqttService> tracker = tracker(MqttService.DEFAULT_CONNECTION);
        await().atMost(TIMEOUT).until(() -> tracker.getService() != null);
        MqttService held = tracker.getService();
        awaitState(held, ConnectionState.CONNECTED, TIMEOUT);
        Recorder recorder = new Recorder();
        complete(held.subscribe("release/#", 1, recorder).acknowledged());
        assertThat(held.status().subscriptionCount()).isEqualTo(1);

        // when the bundle releases the service
        tracker.close();

        // then its subscription is gone, at the broker too
        MqttService again = awaitService(MqttService.DEFAULT_CONNECTION);
        assertThat(again.status().subscriptionCount()).isZero();
        TestClient publisher = client(broker);
        publisher.publish("release/x", "after release", 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(recorder.payloads()).isEmpty());
    }

    @Test
    public void stoppingTheBundleDisconnectsCleanlySoTheWillIsNotSent() throws Exception {
        // given a connection with a last will, and an observer of the will topic
        TestClient observer = client(broker);
        observer.subscribe("will/#", 1);
        String clientId = uniqueClientId("will");
        Map<String, Object> properties = connectionTo(broker, clientId);
        properties.put("will_topic", "will/gateway");
        properties.put("will_message", "gone");
        configureDefault(properties);
        awaitState(awaitService(MqttService.DEFAULT_CONNECTION), ConnectionState.CONNECTED, TIMEOUT);
        org.osgi.framework.Bundle tether = tetherBundle();

        // when
        tether.stop();
        try {
            // then
            assertThat(context.getServiceReferences(MqttService.class, null)).isEmpty();
            await("broker sees Tether gone").atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(broker.connectedClients()).doesNotContain(clientId));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(observer.payloads("will/gateway")).isEmpty());
        } finally {
            tether.start();
        }
    }

    @Test
    public void factoryConnectionsWorkSideBySide() throws Exception {
        // given connection a on the first broker, b on a second one
        RemoteBroker second = startBroker(brokerKind());
        configureConnection("a", connectionTo(broker, uniqueClientId("a")));
        configureConnection("b", connectionTo(second, uniqueClientId("b")));
        MqttService a = awaitService("a");
        MqttService b = awaitService("b");
        awaitState(a, ConnectionState.CONNECTED, TIMEOUT);
        awaitState(b, ConnectionState.CONNECTED, TIMEOUT);
        assertThat(a.connectionName()).isEqualTo("a");
        assertThat(b.connectionName()).isEqualTo("b");
        Recorder onA = new Recorder();
        complete(closeAfter(a.subscribe("side/#", 1, onA)).acknowledged());
        Recorder onB = new Recorder();
        complete(closeAfter(b.subscribe("side/#", 1, onB)).acknowledged());
        Recorder boardB = new Recorder();
        whiteboard(boardB, "b", "side/#");

        // when
        publishUntil(payload -> complete(b.publish("side/b", payload, 1, false)),
            () -> assertThat(boardB.topics()).contains("side/b"));
        complete(a.publish("side/a", "only a", 1, false));

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(onA.payloads("side/a")).containsExactly("only a");
            assertThat(onB.topics()).contains("side/b");
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(boardB.topics()).doesNotContain("side/a");
            assertThat(onB.topics()).doesNotContain("side/a");
            assertThat(onA.topics()).doesNotContain("side/b");
        });
    }
}
