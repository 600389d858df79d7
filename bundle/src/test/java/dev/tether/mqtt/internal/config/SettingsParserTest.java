package dev.tether.mqtt.internal.config;

import static dev.tether.mqtt.internal.config.ParserFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsParserTest {

    private static final String PASSWORD = "s3cr3t-Pa55word";
    private static final String PSK_KEY = "abcd";

    private final SettingsParser parser = new SettingsParser("gw-42", "My_Host.example");

    private final ParserFixture fixture = new ParserFixture(parser);

    // --- defaults

    @Test
    void emptyConfigurationIsValidAndDisabled() {
        // given an empty configuration
        // when
        ParsedConfiguration parsed = parser.parseDefault(Map.of());

        // then
        assertThat(parsed.enabled()).isFalse();
        assertThat(parsed.name()).isEqualTo("default");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.settings()).isPresent();
        assertThat(parsed.server()).isEqualTo("tcp://localhost:1883");
    }

    @Test
    void emptyConfigurationGetsTheDocumentedDefaults() {
        // given / when
        ConnectionSettings settings = fixture.validSettings(Map.of());

        // then
        assertThat(settings.server()).isEqualTo(new ServerAddress("localhost", 1883));
        assertThat(settings.server().uri()).isEqualTo("tcp://localhost:1883");
        assertThat(settings.keepAliveSeconds()).isEqualTo(60);
        assertThat(settings.reconnectMin()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxQos()).isEqualTo(2);
        assertThat(settings.maxQueueLength()).isEqualTo(10_000);
        assertThat(settings.cleanSession()).isTrue();
        assertThat(settings.user()).isEmpty();
        assertThat(settings.password().isEmpty()).isTrue();
        assertThat(settings.will()).isEmpty();
        assertThat(settings.security()).isEqualTo(Security.NONE);
        assertThat(settings.requireTime()).isFalse();
    }

    // --- value types

    @Test
    void stringValuesAsFromCfgFilesAreParsed() {
        // given
        Map<String, Object> properties = config("enable", "true", "server", "broker.lan:1884", "keep_alive", " 30 ",
            "clean_session", "FALSE", "reconnect_timeout_min", "5", "reconnect_timeout_max", "120", "max_qos", "1",
            "max_queue_length", "10");

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.enabled()).isTrue();
        ConnectionSettings settings = parsed.settings().orElseThrow();
        assertThat(settings.server().uri()).isEqualTo("tcp://broker.lan:1884");
        assertThat(settings.keepAliveSeconds()).isEqualTo(30);
        assertThat(settings.cleanSession()).isFalse();
        assertThat(settings.reconnectMin()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.reconnectMax()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.maxQos()).isEqualTo(1);
        assertThat(settings.maxQueueLength()).isEqualTo(10);
    }

    @Test
    void integerAndBooleanValuesAreParsed() {
        // given
        Map<String, Object> properties = config("enable", Boolean.TRUE, "keep_alive", 30, "clean_session", false,
            "max_qos", 0);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.keepAliveSeconds()).isEqualTo(30);
        assertThat(settings.cleanSession()).isFalse();
        assertThat(settings.maxQos()).isZero();
    }

    @Test
    void longValuesAreParsed() {
        // given
        Map<String, Object> properties = config("keep_alive", 45L, "reconnect_timeout_max", 300L);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.keepAliveSeconds()).isEqualTo(45);
        assertThat(settings.reconnectMax()).isEqualTo(Duration.ofSeconds(300));
    }

    // --- server

    @ParameterizedTest(name = "server={0}")
    @CsvSource(delimiter = '|', value = {
        "localhost:99999       | port 99999 is out of range",
        "localhost:0           | out of range",
        "localhost:abc         | port 'abc' is not a number",
        "''                    | must not be empty",
        "'   '                 | must not be empty",
        "ssl://broker:8883     | ssl:// is TLS: set ssl_ca_cert",
        "mqtts://broker        | ssl:// is TLS: set ssl_ca_cert",
        "wss://broker:443      | wss:// is TLS: set ssl_ca_cert",
        "http://broker:80      | unknown scheme http",
        "localhost:1883/mqtt   | must not have a path",
        "tcp://localhost:1883/ | must not have a path",
        "ws://broker/mqtt?a=b  | must not have a path, query or fragment",
        "user@localhost:1883   | is not HOST:PORT",
    })
    void invalidServerIsAProblemNamingPropertyAndValue(String server, String reason) {
        // given
        Map<String, Object> properties = config("server", server);

        // when
        ConfigProblem problem = fixture.singleProblem(properties);

        // then
        assertThat(problem.property()).isEqualTo("server");
        assertThat(problem.value()).isEqualTo(server);
        assertThat(problem.reason()).contains(reason);
    }

    @ParameterizedTest(name = "server={0}")
    @CsvSource(delimiter = '|', value = {
        "localhost:1883           | localhost   | 1883 | tcp://localhost:1883",
        "tcp://broker.lan         | broker.lan  | 1883 | tcp://broker.lan:1883",
        "broker.lan               | broker.lan  | 1883 | tcp://broker.lan:1883",
        "TCP://broker.lan:1884    | broker.lan  | 1884 | tcp://broker.lan:1884",
        "mqtt://10.0.0.1:2883     | 10.0.0.1    | 2883 | tcp://10.0.0.1:2883",
        "[::1]:1883               | ::1         | 1883 | tcp://[::1]:1883",
        "tcp://[fe80::1]:8883     | fe80::1     | 8883 | tcp://[fe80::1]:8883",
        "' localhost:1883 '       | localhost   | 1883 | tcp://localhost:1883",
        "ws://broker.lan          | broker.lan  | 80   | ws://broker.lan:80/mqtt",
        "WS://broker.lan:9001/ws  | broker.lan  | 9001 | ws://broker.lan:9001/ws",
        "ws://[::1]:8080          | ::1         | 8080 | ws://[::1]:8080/mqtt",
    })
    void validServerIsParsed(String server, String host, int port, String uri) {
        // given
        Map<String, Object> properties = config("server", server);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server().host()).isEqualTo(host);
        assertThat(settings.server().port()).isEqualTo(port);
        assertThat(settings.server().uri()).isEqualTo(uri);
    }

    // --- numbers

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "keep_alive            | -1     | must be between 0 and 65535",
        "keep_alive            | 65536  | must be between 0 and 65535",
        "keep_alive            | sixty  | must be a whole number",
        "reconnect_timeout_min | 0      | must be between 1 and 86400",
        "reconnect_timeout_max | 86401  | must be between 1 and 86400",
        "max_qos               | 3      | must be between 0 and 2",
        "max_qos               | -1     | must be between 0 and 2",
        "max_queue_length      | -5     | must be between 0 and",
        "recv_mbuf_limit       | -1     | must be between 0 and",
        "clean_session         | maybe  | must be true or false",
        "will_retain           | 1      | must be true or false",
        "require_time          | yes    | must be true or false",
        "ws_enable             | on     | must be true or false",
        "protocol_version      | 4      | must be one of",
        "session_expiry_interval | -1   | must be between 0 and",
        "will_delay_interval   | -2     | must be between 0 and",
        "will_message_expiry_interval | x | must be a whole number",
    })
    void invalidValueIsAProblemNamingPropertyValueAndReason(String key, String value, String reason) {
        // given
        Map<String, Object> properties = config(key, value);

        // when
        ConfigProblem problem = fixture.singleProblem(properties);

        // then
        assertThat(problem).isEqualTo(new ConfigProblem(key, value, problem.reason()));
        assertThat(problem.reason()).contains(reason);
        assertThat(problem.toString()).contains(key).contains(value).contains(reason);
    }

    @Test
    void reconnectMinEqualToMaxIsValid() {
        // given
        Map<String, Object> properties = config("reconnect_timeout_min", 10, "reconnect_timeout_max", 10);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.reconnectMin()).isEqualTo(settings.reconnectMax());
    }

    // --- one mistake across keys, or in a value that is not a string: one problem, on the property to change

    static Stream<Arguments> mistakes() {
        return Stream.of(
            argumentSet("a long outside the int range, not an overflow", config("keep_alive", 4_294_967_356L),
                "keep_alive", "4294967356", List.of("must be between 0 and 65535")),
            argumentSet("reconnect_timeout_min above reconnect_timeout_max", config("reconnect_timeout_min", "120",
                "reconnect_timeout_max", "60"), "reconnect_timeout_max", "60", List.of("reconnect_timeout_min", "120")),
            argumentSet("will_message without will_topic", config("will_message", "gone"),
                "will_message", "gone", List.of("will_topic")),
            argumentSet("will_topic with +", config("will_topic", "devices/+/status", "will_message", "gone"),
                "will_topic", "devices/+/status", List.of("wildcard")),
            argumentSet("will_topic with #", config("will_topic", "devices/#", "will_message", "gone"),
                "will_topic", "devices/#", List.of("wildcard")),
            argumentSet("pass without user", config("pass", PASSWORD), "pass", "<hidden>", List.of("user")),
            argumentSet("ssl_psk_key without ssl_psk_identity", config("ssl_psk_key", PSK_KEY), "ssl_psk_key",
                "<hidden>", List.of("ssl_psk_identity")));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakeIsOneProblemOnThePropertyToChangeAndShowsNoSecret(Map<String, Object> properties, String property,
            String value, List<String> reasonParts) {
        fixture.expectOneProblem(properties, property, value, reasonParts, PASSWORD, PSK_KEY);
    }

    // --- enable

    @Test
    void unreadableEnableIsAProblemAndCountsAsEnabled() {
        // given
        Map<String, Object> properties = config("enable", "yes");

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then the error stays visible instead of the service vanishing
        assertThat(parsed.enabled()).isTrue();
        assertThat(parsed.problems()).containsExactly(new ConfigProblem("enable", "yes", "must be true or false"));
        assertThat(parsed.settings()).isEmpty();
    }

    // --- will

    @Test
    void validWillIsBuiltWithQosOneCappedByMaxQos() {
        // given
        Map<String, Object> properties = config("will_topic", "devices/gw/status", "will_message", "offline",
            "will_retain", "true", "max_qos", "0");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.will()).contains(new Will("devices/gw/status", "offline", 0, true));
    }

    @Test
    void mqtt5WillPropertiesAreParsed() {
        // given
        Map<String, Object> properties = config("will_topic", "gw/status", "will_message", "offline",
            "will_delay_interval", "30", "will_message_expiry_interval", "3600", "will_content_type", " text/plain ");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.will()).contains(new Will("gw/status", "offline", 1, false, 30, 3600,
            java.util.Optional.of("text/plain")));
    }

    @ParameterizedTest(name = "protocol_version={0}")
    @CsvSource({"auto, AUTO", "5, MQTT_5", "3.1.1, MQTT_3_1_1"})
    void protocolVersionIsParsed(String value, ProtocolChoice expected) {
        // given / when
        ConnectionSettings settings = fixture.validSettings(config("protocol_version", value));

        // then
        assertThat(settings.protocol()).isEqualTo(expected);
    }

    @Test
    void protocolVersionDefaultsToAutoAndSessionExpiryToZero() {
        // given / when
        ConnectionSettings settings = fixture.validSettings(Map.of());

        // then
        assertThat(settings.protocol()).isEqualTo(ProtocolChoice.AUTO);
        assertThat(settings.sessionExpirySeconds()).isZero();
    }

    @Test
    void mqtt5AloneSendsAPasswordWithoutAUser() {
        // given
        Map<String, Object> mqtt5 = config("protocol_version", "5", "pass", "token");
        Map<String, Object> auto = config("pass", "token");

        // when / then
        assertThat(fixture.validSettings(mqtt5).password().isEmpty()).isFalse();
        assertThat(parser.parseDefault(auto).problems()).singleElement()
            .satisfies(problem -> assertThat(problem.reason()).contains("protocol_version=5"));
    }

    // --- password

    @Test
    void passwordNeverAppearsInProblemsOrToString() {
        // given a configuration with a password and other problems
        Map<String, Object> properties = config("pass", PASSWORD, "keep_alive", "-3", "ssl_psk_key", PASSWORD);

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        assertThat(parsed.problems()).hasSize(3);
        assertThat(parsed.describeProblems()).doesNotContain(PASSWORD);
        assertThat(parsed.toString()).doesNotContain(PASSWORD);
        assertThat(parsed.problems()).allSatisfy(problem -> assertThat(problem.toString()).doesNotContain(PASSWORD));
    }

    @Test
    void passwordNeverAppearsInValidSettingsToString() {
        // given
        Map<String, Object> properties = config("user", "alice", "pass", PASSWORD);

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        ConnectionSettings settings = parsed.settings().orElseThrow();
        assertThat(new String(settings.password().reveal())).isEqualTo(PASSWORD);
        assertThat(settings.toString()).doesNotContain(PASSWORD);
        assertThat(parsed.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void transportKeysWithEmptyOrDefaultValuesLeaveThePlainConnection() {
        // given
        Map<String, Object> properties = config("ssl_ca_cert", "", "ssl_cert", "", "ssl_key", "", "ssl_key_pass", "",
            "ssl_cipher_suites", "", "ssl_psk_identity", "", "ssl_psk_key", "", "ws_enable", "false",
            "ws_path", "/mqtt", "require_time", "FALSE");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server()).isEqualTo(new ServerAddress("localhost", 1883));
        assertThat(settings.security()).isEqualTo(Security.NONE);
        assertThat(settings.requireTime()).isFalse();
    }

    // --- several problems

    @Test
    void everyProblemIsReportedTogetherInPropertyOrder() {
        // given
        Map<String, Object> properties = config("ssl_cipher_suites", "NOT-A-SUITE", "server", "localhost:99999",
            "keep_alive", "-1", "max_qos", "3", "cloud_events", "yes", "ws_enable", "on");

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        assertThat(parsed.problems()).extracting(ConfigProblem::property)
            .containsExactly("server", "keep_alive", "max_qos", "cloud_events", "ws_enable", "ssl_cipher_suites");
        assertThat(parsed.settings()).isEmpty();
        assertThat(parsed.server()).isEqualTo("localhost:99999");
        assertThat(parsed.describeProblems())
            .startsWith("invalid configuration: ")
            .contains("server='localhost:99999'", "keep_alive='-1'", "max_qos='3'", "cloud_events='yes'");
    }

    // --- named connections

    @Test
    void namedConnectionTakesItsNameProperty() {
        // given
        Map<String, Object> properties = config("name", "backup", "service.pid", "dev.tether.mqtt.connection~other");

        // when
        ParsedConfiguration parsed = parser.parseNamed(properties);

        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.name()).isEqualTo("backup");
        assertThat(parsed.settings().orElseThrow().name()).isEqualTo("backup");
    }

    @Test
    void namedConnectionWithoutNameTakesItFromThePid() {
        // given
        Map<String, Object> properties = config("name", "", "service.pid", "dev.tether.mqtt.connection~foo");

        // when
        ParsedConfiguration parsed = parser.parseNamed(properties);

        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.name()).isEqualTo("foo");
    }

    @ParameterizedTest(name = "name=''{0}''")
    @CsvSource({"'has space'", "'a/b'", "'ümlaut'", "'x12345678901234567890123456789012345678901234567890123456789012345'"})
    void namedConnectionWithInvalidNameIsAProblem(String name) {
        // given
        Map<String, Object> properties = config("name", name, "service.pid", "dev.tether.mqtt.connection.1234");

        // when
        ParsedConfiguration parsed = parser.parseNamed(properties);

        // then
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.property()).isEqualTo("name");
            assertThat(problem.value()).isEqualTo(name);
            assertThat(problem.reason()).contains("1 to 64");
        });
        assertThat(parsed.name()).isEqualTo("dev.tether.mqtt.connection.1234");
    }

    @Test
    void namedConnectionWithoutNameOrNamedPidIsAProblem() {
        // given
        Map<String, Object> properties = config("service.pid", "dev.tether.mqtt.connection.1234");

        // when
        ParsedConfiguration parsed = parser.parseNamed(properties);

        // then
        assertThat(parsed.problems()).extracting(ConfigProblem::property).containsExactly("name");
    }

    @Test
    void namedConnectionMayNotBeCalledDefault() {
        // given
        Map<String, Object> properties = config("name", "default");

        // when
        ParsedConfiguration parsed = parser.parseNamed(properties);

        // then
        assertThat(parsed.problems()).extracting(ConfigProblem::property).containsExactly("name");
    }

    // --- client id

    @Test
    void configuredClientIdIsKept() {
        // given
        Map<String, Object> properties = config("client_id", "my-client", "name", "backup");

        // when
        ParsedConfiguration parsed = parser.parseNamed(properties);

        // then
        assertThat(parsed.clientId()).isEqualTo("my-client");
        assertThat(parsed.settings().orElseThrow().clientId()).isEqualTo("my-client");
    }

    @ParameterizedTest(name = "device id ''{0}'', host {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
        # the device id, when there is one
        gw-42 | My_Host.example | gw-42
        # else "tether-" and the host name, lower case, "-" for what a client id should not hold
        none  | My_Host.example | tether-my-host-example
        # a blank device id counts as none
        '  '  | gw1             | tether-gw1
        """)
    void emptyClientIdIsDerived(String deviceId, String hostName, String clientId) {
        // given
        SettingsParser parser = new SettingsParser(deviceId, hostName);

        // when
        ParsedConfiguration unset = parser.parseDefault(Map.of());
        ParsedConfiguration empty = parser.parseDefault(config("client_id", ""));

        // then
        assertThat(unset.clientId()).isEqualTo(clientId);
        assertThat(empty.clientId()).isEqualTo(clientId);
    }

    @Test
    void namedConnectionAppendsItsNameToTheDerivedClientId() {
        // given
        Map<String, Object> properties = config("name", "backup");

        // when
        ParsedConfiguration fromDeviceId = parser.parseNamed(properties);
        ParsedConfiguration fromHost = new SettingsParser(null, "gw1").parseNamed(properties);

        // then
        assertThat(fromDeviceId.clientId()).isEqualTo("gw-42-backup");
        assertThat(fromHost.clientId()).isEqualTo("tether-gw1-backup");
    }

    @Test
    void clientIdIsStableAcrossParses() {
        // given / when
        String first = parser.parseDefault(Map.of()).clientId();
        String second = parser.parseDefault(Map.of()).clientId();

        // then
        assertThat(first).isEqualTo(second);
    }

    // --- equality

    @Test
    void equalConfigurationsGiveEqualSettings() {
        // given two separately built but equal configurations, one as strings and one typed
        Map<String, Object> fromFile = config("enable", "true", "server", "broker:1883", "user", "u", "pass", "p",
            "keep_alive", "30", "will_topic", "t", "will_message", "m");
        Map<String, Object> typed = config("enable", true, "server", "broker:1883", "user", "u", "pass", "p",
            "keep_alive", 30, "will_topic", "t", "will_message", "m");

        // when
        ConnectionSettings first = fixture.validSettings(fromFile);
        ConnectionSettings second = fixture.validSettings(typed);

        // then
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void equalSecureConfigurationsGiveEqualSettings() {
        // given
        Map<String, Object> tls = config("ssl_ca_cert", "system", "ssl_cert", "/c.pem", "ssl_key", "/c.key",
            "ssl_key_pass", "pw", "ssl_cipher_suites", "ECDHE-RSA-AES128-GCM-SHA256", "ws_enable", "true");
        Map<String, Object> psk = config("ssl_psk_identity", "gw", "ssl_psk_key", "abcd", "require_time", true);

        // when / then
        assertThat(fixture.validSettings(tls)).isEqualTo(fixture.validSettings(new HashMap<>(tls)));
        assertThat(fixture.validSettings(psk)).isEqualTo(fixture.validSettings(new HashMap<>(psk)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "ssl_psk_key       | abcd                       | abce",
        "ssl_psk_identity  | gw                         | gw2",
        "ssl_cipher_suites | PSK-AES128-CCM8            | PSK-AES128-CCM",
        "require_time      | false                      | true",
        "pass              | one                        | two",
    })
    void changedSecretOrSecuritySettingGivesDifferentSettings(String key, String before, String after) {
        // given
        Map<String, Object> properties = config("ssl_psk_identity", "gw", "ssl_psk_key", "abcd", "user", "u");
        properties.put(key, before);
        ConnectionSettings first = fixture.validSettings(properties);

        // when
        properties.put(key, after);
        ConnectionSettings second = fixture.validSettings(properties);

        // then
        assertThat(first).isNotEqualTo(second);
    }
}
