package dev.tether.mqtt.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Named.named;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.metatype.SettingsCatalog;
import dev.tether.mqtt.internal.metatype.Property;
import dev.tether.mqtt.internal.metatype.PropertyType;

/**
 * Bad values for every configuration property. The rule: the parser never throws; each bad value
 * is a problem that names the property, shows the value ({@code <hidden>} for a Password property,
 * whose value never appears anywhere), and says why; the configuration then has no settings, and a
 * connection with {@code enable=true} stays enabled so the service shows the error.
 */
class BadInputConfigurationTest {

    private static final String HIDDEN = "<hidden>";
    private static final Map<String, Property> CATALOG = SettingsCatalog.namedConnection().stream()
        .collect(Collectors.toMap(Property::id, Function.identity()));
    private static final String LONG_65536 = "x".repeat(65_536);

    private final SettingsParser parser = new SettingsParser("gw-42", "host");

    /** A configuration whose {@code property} has a problem showing {@code shown}, for {@code reason}. */
    record Rejected(String property, String shown, String reason, Map<String, Object> config) {
    }

    /** A configuration with an unusual but valid value of {@code property}. */
    record Accepted(String property, Map<String, Object> config) {
    }

    // --- the table

    static Stream<Arguments> rejectedValues() {
        return Stream.of(
            rejected("enable", "abc", "must be true or false"),
            rejected("enable", "1", "must be true or false"),
            rejected("server", "localhost:99999", "port 99999 is out of range 1..65535"),
            rejected("server", "localhost:abc", "port 'abc' is not a number"),
            rejected("server", "", "must not be empty"),
            rejected("server", "ftp://broker:21", "unknown scheme ftp://"),
            rejected("server", "tcp://broker:1883/path", "must not have a path"),
            rejected("server", "ssl://broker:8883", "ssl:// is TLS: set ssl_ca_cert"),
            rejected("client_id", LONG_65536, "is longer than 65535 bytes"),
            rejected("pass", "pass-Secret-1", "a password needs a user"),
            rejected("protocol_version", "4", "must be one of auto, 5, 3.1.1"),
            rejected("clean_session", "yes", "must be true or false"),
            rejected("session_expiry_interval", -1, "must be between 0 and 2147483647"),
            rejected("session_expiry_interval", "1h", "must be a whole number"),
            rejected("keep_alive", "abc", "must be a whole number"),
            rejected("keep_alive", "1.5", "must be a whole number"),
            rejected("keep_alive", -1, "must be between 0 and 65535"),
            rejected("keep_alive", "65536", "must be between 0 and 65535"),
            rejected("connect_timeout", 0, "must be between 1 and 86400"),
            rejected("connect_timeout", "30s", "must be a whole number"),
            rejected("ack_timeout", -1, "must be between 0 and 86400"),
            rejected("reconnect_timeout_min", 0, "must be between 1 and 86400"),
            rejected("reconnect_timeout_min", "two", "must be a whole number"),
            rejected("reconnect_timeout_max", 86_401, "must be between 1 and 86400"),
            rejected("reconnect_timeout_max", 5, "must not be below reconnect_timeout_min (10)",
                "reconnect_timeout_min", 10),
            rejected("will_topic", "status/+", "must not contain the wildcards + or #"),
            rejected("will_topic", "status/\u0000", "NUL"),
            rejected("will_topic", "status/\uD83D", "lone surrogate"),
            rejected("will_topic", "status/\uFFFF", "noncharacter"),
            rejected("will_message", "offline", "a will message needs a will_topic"),
            rejected("will_message", LONG_65536, "is longer than 65535 bytes", "will_topic", "status"),
            rejected("will_retain", "abc", "must be true or false"),
            rejected("will_delay_interval", -1, "must be between 0 and 2147483647"),
            rejected("will_message_expiry_interval", "soon", "must be a whole number"),
            rejected("will_content_type", "te\u0000xt", "NUL"),
            rejected("max_qos", 3, "must be between 0 and 2"),
            rejected("max_qos", "-1", "must be between 0 and 2"),
            rejected("max_qos", "abc", "must be a whole number"),
            rejected("max_queue_length", -1, "must be between 0 and 1000000"),
            rejected("max_queue_length", "1000001", "must be between 0 and 1000000"),
            rejected("max_queue_length", "many", "must be a whole number"),
            rejected("queue_overflow", "sometimes", "must be one of reject, drop_oldest"),
            rejected("max_queue_bytes", 0, "must be between 1 and 2147483647"),
            rejected("max_queue_bytes", "64MB", "must be a whole number"),
            rejected("queue_persistence", "disk", "must be one of file, memory"),
            rejected("queue_sync", "sometimes", "must be one of none, interval, always"),
            rejected("recv_mbuf_limit", -1, "must be between 0 and 2147483647"),
            rejected("recv_mbuf_limit", 2_147_483_648L, "must be between 0 and 2147483647"),
            rejected("recv_mbuf_limit", "3k", "must be a whole number"),
            rejected("require_time", "abc", "must be true or false"),
            rejected("ws_enable", "abc", "must be true or false"),
            rejected("ws_enable", true, "is not WebSocket", "server", "tcp://broker:1883"),
            rejected("ws_path", "mqtt", "must start with '/'"),
            rejected("ssl_ca_cert", "ca\u0000.pem", "is not a valid file path"),
            rejected("ssl_cert", "client.pem", "mutual TLS needs TLS on", "ssl_key", "client.key"),
            problem("ssl_cert", "", "mutual TLS needs the certificate of ssl_key", "ssl_key", "client.key"),
            rejected("ssl_cert", "client\u0000.pem", "is not a valid file path", "ssl_key", "client.key",
                "ssl_ca_cert", "system"),
            problem("ssl_key", "", "mutual TLS needs the private key of ssl_cert", "ssl_cert", "client.pem"),
            rejected("ssl_key", "client\u0000.key", "is not a valid file path", "ssl_cert", "client.pem",
                "ssl_ca_cert", "system"),
            rejected("ssl_key_pass", "keyPass-Secret-2", "there is no ssl_key to decrypt"),
            rejected("ssl_cipher_suites", "TLS_NOT_A_SUITE", "unknown or unsupported cipher suite TLS_NOT_A_SUITE",
                "ssl_ca_cert", "system"),
            rejected("ssl_cipher_suites", "TLS_AES_128_GCM_SHA256", "applies to TLS only"),
            rejected("ssl_psk_identity", "gateway-1", "exclude each other", "ssl_psk_key", "00ff",
                "ssl_ca_cert", "system"),
            rejected("ssl_psk_identity", "gateway-1", "TLS-PSK over WebSocket is not supported",
                "ssl_psk_key", "00ff", "server", "wss://broker:8443"),
            rejected("ssl_psk_key", "not-hex-Secret-3", "must be hexadecimal digits", "ssl_psk_identity", "gateway-1"),
            rejected("ssl_psk_key", "abc", "an even number of them", "ssl_psk_identity", "gateway-1"),
            rejected("ssl_psk_key", "00ff", "a pre-shared key needs ssl_psk_identity"),
            problem("ssl_psk_key", HIDDEN, "TLS-PSK needs the pre-shared key", "ssl_psk_identity", "gateway-1"),
            rejected("name", "bad name!", "must be 1 to 64 letters, digits"),
            rejected("name", "n".repeat(65), "must be 1 to 64 letters, digits"),
            rejected("name", "default", "is the name of the connection configured by PID dev.tether.mqtt"),
            rejected("cloud_events", "yes", "must be true or false"),
            rejected("status_topic", "status/+", "wildcard"),
            rejected("status_topic", "tether/gw/status", "MQTT has one will per connection", "will_topic", "gw/will"),
            rejected("status_interval", 0, "must be between 1 and 86400"),
            rejected("status_interval", "1m", "must be a whole number"),
            rejected("health_critical_after", -1, "must be between 0 and 2147483647"),
            rejected("backup_server", "localhost:99999", "port 99999 is out of range 1..65535"),
            rejected("backup_server", "tcp://broker", "is not TLS, but TLS is configured", "server", "ssl://a",
                "ssl_ca_cert", "system"),
            rejected("primary_check_interval", "-1", "must be"),
            rejected("debug.stdout_topic", "log/#", "must not contain the wildcards"),
            rejected("debug.stderr_topic", "log/+/err", "must not contain the wildcards"),
            rejected("debug.level", "verbose", "must be one of"),
            rejected("debug.format", "xml", "must be one of"));
    }

    static Stream<Arguments> acceptedValues() {
        return Stream.of(
            // user is free text: no value of it is invalid on its own (see the known gaps below)
            accepted("user", "any user: \u00FC \u20AC / # + with spaces"),
            // the CA file is read at each connection attempt, which reports a missing file
            accepted("ssl_ca_cert", "/no/such/ca.pem"),
            accepted("ssl_psk_identity", "any identity \u00FC", "ssl_psk_key", "00FF"),
            // the will message is a payload, sent as bytes: any text is fine
            accepted("will_message", "bye \uD83D\uDC4B\u0000", "will_topic", "status"),
            accepted("client_id", "any id/with#+ and spaces"),
            // characters beyond U+FFFF are four bytes of UTF-8, which MQTT carries [MQTT-1.5.3]
            accepted("client_id", "gw-\uD83D\uDE80"),
            accepted("pass", "pa\uD83D\uDD12ss", "user", "u"),
            accepted("will_topic", "status/\uD83D\uDD34"),
            accepted("connect_timeout", 86_400),
            // 0: the watchdog is off
            accepted("ack_timeout", 0),
            accepted("queue_sync", "always"),
            accepted("queue_sync", "interval"),
            accepted("max_queue_bytes", 1),
            accepted("ws_path", "/any/path/\u00FC", "ws_enable", true));
    }

    private static Arguments rejected(String property, Object value, String reason, Object... more) {
        boolean secret = type(property) == PropertyType.PASSWORD;
        return problem(property, secret ? HIDDEN : shown(String.valueOf(value)), reason, concat(property, value, more));
    }

    /** A problem shows at most 200 characters of a value, then its length. */
    private static String shown(String value) {
        return value.length() > 200 ? value.substring(0, 200) + "... (" + value.length() + " characters)" : value;
    }

    private static Arguments problem(String property, String shown, String reason, Object... keysAndValues) {
        Map<String, Object> config = config(keysAndValues);
        String label = property
            + (config.containsKey(property) ? " = '" + abbreviate(config.get(property)) + "'" : " unset")
            + (config.size() > 3 ? " with " + others(config, property) : "") + ": " + reason;
        return Arguments.of(named(label, new Rejected(property, shown, reason, config)));
    }

    private static Arguments accepted(String property, Object value, Object... more) {
        Map<String, Object> config = config(concat(property, value, more));
        return Arguments.of(named(property + " = '" + value + "' is accepted", new Accepted(property, config)));
    }

    // --- the checks

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedValues")
    void badValueIsAProblemNamingPropertyAndValue(Rejected row) {
        for (Parse parse : parsesFor(row.property())) {
            // given row.config(), with enable=true

            // when
            ParsedConfiguration parsed = parseWithoutThrowing(parse, row.config());

            // then
            assertThat(parsed.settings()).as(parse.name()).isEmpty();
            assertThat(parsed.enabled()).as(parse.name() + ": enable=true stays enabled").isTrue();
            assertThat(parsed.problems()).as(parse.name()).anySatisfy(problem -> {
                assertThat(problem.property()).isEqualTo(row.property());
                assertThat(problem.value()).isEqualTo(row.shown());
                assertThat(problem.reason()).contains(row.reason());
            });
            assertThat(parsed.describeProblems()).contains(row.property() + "='" + row.shown() + "'");
            assertNoSecretShown(row.config(), parsed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedValues")
    void unusualButValidValueIsAccepted(Accepted row) {
        for (Parse parse : parsesFor(row.property())) {
            // given row.config(), with enable=true

            // when
            ParsedConfiguration parsed = parseWithoutThrowing(parse, row.config());

            // then
            assertThat(parsed.problems()).as(parse.name()).isEmpty();
            assertThat(parsed.settings()).as(parse.name()).isPresent();
            assertThat(parsed.enabled()).isTrue();
        }
    }

    @Test
    void everyPropertyOfTheCatalogHasARow() {
        // given every property of a named connection, and the refused keys of later releases
        Set<String> properties = new LinkedHashSet<>(CATALOG.keySet());

        // when
        Set<String> covered = Stream.concat(
                rejectedValues().map(arguments -> ((Rejected) payload(arguments)).property()),
                acceptedValues().map(arguments -> ((Accepted) payload(arguments)).property()))
            .collect(Collectors.toSet());

        // then a new property cannot be forgotten here
        assertThat(properties).as("properties without a row in rejectedValues() or acceptedValues()")
            .allSatisfy(property -> assertThat(covered).contains(property));
    }

    @Test
    void everyPropertyThatCanBeInvalidHasARejectedRow() {
        // given the properties that have no invalid value on their own today
        Set<String> acceptOnly = Set.of("user");

        // when
        Set<String> rejectedCovered = rejectedValues().map(arguments -> ((Rejected) payload(arguments)).property())
            .collect(Collectors.toSet());

        // then
        assertThat(CATALOG.keySet()).filteredOn(property -> !acceptOnly.contains(property))
            .allSatisfy(property -> assertThat(rejectedCovered).contains(property));
    }

    static Stream<Arguments> garbage() {
        List<Arguments> all = new ArrayList<>();
        List<Object> values = List.of("", " ", "abc", "-1", "99999999999999999999", "\u0000", "\uD83C",
            "x".repeat(70_000), new String[] {"a", "b"}, List.of(1, 2), Boolean.TRUE, Double.NaN, Long.MIN_VALUE,
            new Object());
        for (Property property : SettingsCatalog.namedConnection()) {
            for (Object value : values) {
                all.add(Arguments.of(property.id(), named("'" + abbreviate(value) + "'", value)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("garbage")
    void garbageNeverThrowsNorLeavesHalfValidSettings(String property, Object value) {
        for (Parse parse : parsesFor(property)) {
            // given
            Map<String, Object> config = config(property, value, "pass", "garbage-Secret-4", "user", "u");

            // when
            ParsedConfiguration parsed = parseWithoutThrowing(parse, config);

            // then either valid settings or problems, never both nor neither
            assertThat(parsed.settings().isPresent()).as(parse.name()).isEqualTo(parsed.problems().isEmpty());
            if (!property.equals("enable")) {
                assertThat(parsed.enabled()).isTrue();
            }
            assertNoSecretShown(config, parsed);
        }
    }

    // --- known gaps: the right expectation, disabled until SettingsParser / PropertyReader (not changed here) fix them

    static Stream<Arguments> knownGaps() {
        return Stream.of(
            // every MQTT string is well-formed UTF-8, without control characters: a value that is not would make
            // every connection attempt fail, so it is refused up front
            rejected("client_id", "gw\u0001", "control character"),
            rejected("client_id", "gw-\uD83D", "lone surrogate"),
            rejected("user", "user\u0000", "NUL", "pass", "p"),
            rejected("user", "user\t1", "control character"),
            rejected("user", LONG_65536, "is longer than 65535 bytes"),
            // a password MQTT cannot carry: refused without showing the character
            rejected("pass", "pa\uD83Dss", "cannot carry", "user", "u"),
            rejected("pass", LONG_65536, "is longer than 65535 bytes", "user", "u"),
            // not a valid URI path: every attempt fails with URISyntaxException
            rejected("ws_path", "/mqtt path", "", "ws_enable", true),
            // typed Double values are cut to whole numbers without a word
            rejected("keep_alive", 1.5, "must be a whole number"),
            rejected("max_qos", 1.9, "must be a whole number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownGaps")
    void knownGapIsAProblem(Rejected row) {
        badValueIsAProblemNamingPropertyAndValue(row);
    }

    @Test
    void rejectedValueIsShownCutAndWithoutCredentials() {
        // given
        Map<String, Object> config = config("client_id", LONG_65536, "server", "tcp://user:uri-Secret-5@broker:1883");

        // when
        ParsedConfiguration parsed = parser.parseDefault(config);

        // then
        assertThat(parsed.describeProblems()).hasSizeLessThan(1000).doesNotContain("uri-Secret-5");
    }

    // --- fixtures

    private record Parse(String name, Function<Map<String, ?>, ParsedConfiguration> parser) {
    }

    /** name applies to factory configurations only; every other property is checked through both. */
    private List<Parse> parsesFor(String property) {
        Parse named = new Parse("parseNamed", parser::parseNamed);
        Parse singleton = new Parse("parseDefault", parser::parseDefault);
        return property.equals("name") ? List.of(named) : List.of(named, singleton);
    }

    private static ParsedConfiguration parseWithoutThrowing(Parse parse, Map<String, Object> config) {
        ParsedConfiguration[] parsed = new ParsedConfiguration[1];
        assertThatCode(() -> parsed[0] = parse.parser().apply(config)).as(parse.name()).doesNotThrowAnyException();
        return parsed[0];
    }

    private static void assertNoSecretShown(Map<String, Object> config, ParsedConfiguration parsed) {
        config.forEach((key, value) -> {
            if (type(key) == PropertyType.PASSWORD && value instanceof String secret && secret.length() >= 4) {
                assertThat(parsed.describeProblems()).doesNotContain(secret);
                assertThat(parsed.problems().toString()).doesNotContain(secret);
                assertThat(parsed.toString()).doesNotContain(secret);
            }
        });
    }

    /** enable=true and a valid name, then the given keys and values on top. */
    private static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("enable", true);
        config.put("name", "badinput");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static Object[] concat(String property, Object value, Object... more) {
        Object[] all = new Object[more.length + 2];
        all[0] = property;
        all[1] = value;
        System.arraycopy(more, 0, all, 2, more.length);
        return all;
    }

    private static PropertyType type(String key) {
        Property property = CATALOG.get(key);
        return property == null ? PropertyType.STRING : property.type();
    }

    private static Object payload(Arguments arguments) {
        return ((org.junit.jupiter.api.Named<?>) arguments.get()[0]).getPayload();
    }

    private static String others(Map<String, Object> config, String property) {
        return config.entrySet().stream()
            .filter(entry -> !Set.of(property, "enable", "name").contains(entry.getKey()))
            .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted().collect(Collectors.joining(", "));
    }

    private static String abbreviate(Object value) {
        String text = value instanceof Object[] array ? java.util.Arrays.toString(array) : String.valueOf(value);
        String visible = text.chars().mapToObj(c -> Character.isISOControl(c) || Character.isSurrogate((char) c)
            ? String.format("\\u%04X", c) : String.valueOf((char) c)).collect(Collectors.joining());
        return visible.length() > 40 ? visible.substring(0, 20) + "... (" + text.length() + " characters)" : visible;
    }
}
