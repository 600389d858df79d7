package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static dev.tether.mqtt.internal.testbroker.ScriptedBroker.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.ProtocolVersion;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** What Tether's MQTT 5 CONNECT says (MQTT 5.0, 3.1), from its configuration, as the broker receives it. */
class Mqtt5ScriptedConnectTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    private final CompletableFuture<Connect> connect = new CompletableFuture<>();
    private final CompletableFuture<byte[]> connectBytes = new CompletableFuture<>();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    /** @return the first CONNECT Tether sends with the configuration (MQTT 5 and the keys), once the broker has it */
    private Connect connectWith(Object... keyValues) throws Exception {
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            Connect received = client.expect(Connect.class);
            connectBytes.complete(client.rawReceived());
            connect.complete(received);
            client.send(Mqtt5Scripts.ACCEPTED);
            serve(client);
        }));
        connections.open(null, mqtt5(connections, broker, keyValues));
        return connect.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void theConnectIsLevel5WithTheClientsLimitsByteForByte() throws Exception {
        // given a configuration with a session that expires after an hour
        // when Tether connects
        connectWith("client_id", "gw-1", "keep_alive", 60, "session_expiry_interval", 3600);

        // then the broker receives exactly this CONNECT: level 5, Clean Start, keep alive 60, then the properties
        // Session Expiry Interval 3600, Receive Maximum 1000, Topic Alias Maximum 64, Request Response Information 1,
        // and the client id; no Maximum Packet Size, since recv_mbuf_limit is 0 (no limit)
        assertThat(connectBytes.get(1, TimeUnit.SECONDS)).isEqualTo(hex("10 1E 00 04 4D 51 54 54 05 02 00 3C"
            + " 0D 11 00 00 0E 10 21 03 E8 22 00 40 19 01 00 04 67 77 2D 31"));
    }

    @ParameterizedTest(name = "clean_session={0}, session_expiry_interval={1}: expiry {2}, Clean Start {3}")
    @CsvSource({"true, 0, , true", "false, 0, 4294967295, false", "true, 3600, 3600, true",
        "false, 3600, 3600, false"})
    void theSessionExpiryIntervalFollowsCleanSessionAndSessionExpiryInterval(boolean cleanSession, int expiry,
            Long expected, boolean cleanStart) throws Exception {
        // given clean_session and session_expiry_interval
        // when Tether connects
        Connect sent = connectWith("clean_session", cleanSession, "session_expiry_interval", expiry);

        // then a clean session with no interval ends with the connection (absent means 0, 3.1.2.11.2), a kept one
        // without an interval never expires (0xFFFFFFFF), and an interval is sent as it is; Clean Start is
        // clean_session
        assertThat(sent.properties().integer(PropertyIds.SESSION_EXPIRY_INTERVAL))
            .isEqualTo(expected == null ? OptionalLong.empty() : OptionalLong.of(expected));
        assertThat(sent.cleanSession()).isEqualTo(cleanStart);
    }

    @Test
    void recvMbufLimitIsSentAsMaximumPacketSize() throws Exception {
        // given recv_mbuf_limit=1000
        // when Tether connects
        Connect sent = connectWith("recv_mbuf_limit", 1000);

        // then the broker may send no packet larger than that [MQTT-3.1.2-24]
        assertThat(sent.properties().integer(PropertyIds.MAXIMUM_PACKET_SIZE)).hasValue(1000);
        assertThat(sent.properties().integer(PropertyIds.RECEIVE_MAXIMUM)).hasValue(ConnectPackets.RECEIVE_MAXIMUM);
        assertThat(sent.properties().integer(PropertyIds.TOPIC_ALIAS_MAXIMUM))
            .hasValue(ConnectPackets.TOPIC_ALIAS_MAXIMUM);
        assertThat(sent.properties().integer(PropertyIds.REQUEST_RESPONSE_INFORMATION)).hasValue(1);
    }

    @Test
    void withoutRecvMbufLimitThereIsNoMaximumPacketSize() throws Exception {
        // given recv_mbuf_limit=0, no limit
        // when Tether connects
        Connect sent = connectWith("recv_mbuf_limit", 0);

        // then no Maximum Packet Size is sent: absent means no limit but the protocol's (3.1.2.11.4), where a 0
        // would be a Protocol Error
        assertThat(sent.properties().contains(PropertyIds.MAXIMUM_PACKET_SIZE)).isFalse();
        assertThat(sent.properties().contains(PropertyIds.RECEIVE_MAXIMUM)).isTrue();
    }

    @Test
    void aPasswordWithoutAUserNameIsSentOnMqtt5() throws Exception {
        // given a password and no user, which protocol_version=5 allows (MQTT 5.0, 3.1.2.9)
        // when Tether connects
        Connect sent = connectWith("pass", "s3cret");

        // then the CONNECT carries the password, and no user name: the flags byte is 0x42 (password, Clean Start)
        assertThat(sent.userName()).isEmpty();
        assertThat(sent.password()).isEqualTo("s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(connectBytes.get(1, TimeUnit.SECONDS)[9]).isEqualTo((byte) 0x42);
    }

    @Test
    void anMqtt311ConnectFromTheSameSettingsLeavesThePasswordOut() {
        // given settings with a password and no user (valid with protocol_version=5 only)
        ParsedConfiguration configuration = connections.config("127.0.0.1:1883", "protocol_version", "5",
            "pass", "s3cret");

        // when the CONNECT is made for MQTT 3.1.1
        Connect sent = ConnectPackets.connect(configuration.settings().orElseThrow(), ProtocolVersion.MQTT_3_1_1);

        // then it has no password, since MQTT 3.1.1 sends one only with a user name [MQTT-3.1.2-22]; nor properties
        assertThat(sent.password()).isNull();
        assertThat(sent.protocolLevel()).isEqualTo(Connect.MQTT_3_1_1);
        assertThat(sent.properties()).isEqualTo(Properties.NONE);
    }

    @Test
    void theWillCarriesItsDelayExpiryAndContentType() throws Exception {
        // given a will with MQTT 5's will properties
        // when Tether connects
        Connect sent = connectWith("will_topic", "gw/status", "will_message", "gone", "will_delay_interval", 30,
            "will_message_expiry_interval", 600, "will_content_type", "text/plain");

        // then the will goes with a Will Delay Interval, a Message Expiry Interval and a Content Type (3.1.3.2)
        Connect.Will will = sent.will().orElseThrow();
        assertThat(will.topic()).isEqualTo("gw/status");
        assertThat(will.payload()).isEqualTo("gone".getBytes(StandardCharsets.UTF_8));
        assertThat(will.properties().integer(PropertyIds.WILL_DELAY_INTERVAL)).hasValue(30);
        assertThat(will.properties().integer(PropertyIds.MESSAGE_EXPIRY_INTERVAL)).hasValue(600);
        assertThat(will.properties().string(PropertyIds.CONTENT_TYPE)).hasValue("text/plain");
    }

    @Test
    void aWillWithoutMqtt5SettingsHasNoWillProperties() throws Exception {
        // given a will with none of the will properties set
        // when Tether connects
        Connect sent = connectWith("will_topic", "gw/status", "will_message", "gone");

        // then the will properties are empty: a Will Delay Interval of 0 is the default, not sent
        assertThat(sent.will().orElseThrow().properties()).isEqualTo(Properties.NONE);
    }
}
