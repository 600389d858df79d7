package dev.tether.mqtt.internal.config;

import static dev.tether.mqtt.internal.config.ParserFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tether.mqtt.internal.config.ServerAddress.Scheme;
import dev.tether.mqtt.internal.transport.CipherSuites;

/** The transport part of the configuration: server, TLS, TLS-PSK and WebSocket, through {@link SettingsParser}. */
class TransportParserTest {

    private static final String CA = "/etc/tether/ca.pem";
    private static final String CERT = "/etc/tether/client.pem";
    private static final String KEY = "/etc/tether/client.key";
    private static final String PSK_KEY = "c0ffee0123456789abcdef";
    private static final String KEY_PASS = "k3y-Pa55word";

    private final SettingsParser parser = new SettingsParser("dev", "host");

    private final ParserFixture fixture = new ParserFixture(parser);

    // --- no TLS

    @Test
    void withoutTlsKeysTheConnectionIsPlainTcp() {
        // given
        Map<String, Object> properties = config("server", "broker");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.security()).isEqualTo(Security.NONE);
        assertThat(settings.server()).isEqualTo(new ServerAddress(Scheme.TCP, "broker", 1883, ""));
    }

    // --- backup server

    @Test
    void backupServerIsReadLikeServerWithThePrimaryCheckInterval() {
        // given
        Map<String, Object> properties = config("server", "broker-a", "backup_server", "tcp://broker-b:1884",
            "primary_check_interval", "30");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.backupServer()).contains(new ServerAddress(Scheme.TCP, "broker-b", 1884, ""));
        assertThat(settings.primaryCheckInterval()).hasSeconds(30);
    }

    @Test
    void withoutBackupServerThereIsNone() {
        assertThat(fixture.validSettings(config("server", "broker")).backupServer()).isEmpty();
        assertThat(fixture.validSettings(config("server", "broker", "backup_server", "  ")).backupServer())
            .isEmpty();
    }

    @Test
    void backupServerSharesTheTlsSettingsSoItGetsTlsAndItsDefaultPort() {
        // given
        Map<String, Object> properties = config("server", "ssl://broker-a", "backup_server", "broker-b",
            "ssl_ca_cert", CA);

        // when / then
        assertThat(fixture.validSettings(properties).backupServer())
            .contains(new ServerAddress(Scheme.SSL, "broker-b", 8883, ""));
    }

    // --- one mistake: one problem, on the property to change

    static Stream<Arguments> mistakes() {
        return Stream.of(
            argumentSet("backup_server written tcp:// beside TLS", config("server", "broker-a",
                "backup_server", "tcp://broker-b", "ssl_ca_cert", CA), "backup_server", "tcp://broker-b",
                List.of("tcp://", "is not TLS")),
            argumentSet("backup_server with an unknown scheme", config("server", "broker-a", "backup_server",
                "ftp://x"), "backup_server", "ftp://x", List.of("unknown scheme ftp")),
            argumentSet("ssl_cert without ssl_key", config("ssl_ca_cert", CA, "ssl_cert", CERT),
                "ssl_key", "", List.of("private key")),
            argumentSet("ssl_key without ssl_cert", config("ssl_ca_cert", CA, "ssl_key", KEY),
                "ssl_cert", "", List.of("certificate")),
            argumentSet("a client certificate without ssl_ca_cert", config("ssl_cert", CERT, "ssl_key", KEY),
                "ssl_cert", CERT, List.of("ssl_ca_cert", "system")),
            argumentSet("ssl_key_pass without ssl_key", config("ssl_ca_cert", CA, "ssl_key_pass", KEY_PASS),
                "ssl_key_pass", "<hidden>", List.of("ssl_key")),
            argumentSet("ssl_psk_identity beside ssl_ca_cert", config("ssl_ca_cert", CA,
                "ssl_psk_identity", "gw-1", "ssl_psk_key", PSK_KEY), "ssl_psk_identity", "gw-1",
                List.of("ssl_ca_cert")),
            argumentSet("ssl_psk_identity without ssl_psk_key", config("ssl_psk_identity", "gw-1"),
                "ssl_psk_key", "<hidden>", List.of("pre-shared key")),
            argumentSet("ssl_psk_key without ssl_psk_identity", config("ssl_psk_key", PSK_KEY),
                "ssl_psk_key", "<hidden>", List.of("ssl_psk_identity")),
            argumentSet("ssl_cipher_suites without TLS", config("ssl_cipher_suites", "TLS_AES_128_GCM_SHA256"),
                "ssl_cipher_suites", "TLS_AES_128_GCM_SHA256", List.of("ssl_ca_cert", "ssl_psk_identity")),
            argumentSet("a TLS-PSK suite for certificate TLS", config("ssl_ca_cert", CA,
                "ssl_cipher_suites", "PSK-AES128-GCM-SHA256"), "ssl_cipher_suites", "PSK-AES128-GCM-SHA256",
                List.of("PSK-AES128-GCM-SHA256", "supported:", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")),
            argumentSet("a certificate suite for TLS-PSK", config("ssl_psk_identity", "gw-1", "ssl_psk_key",
                PSK_KEY, "ssl_cipher_suites", "ECDHE-RSA-AES128-GCM-SHA256"), "ssl_cipher_suites",
                "ECDHE-RSA-AES128-GCM-SHA256", List.of("ECDHE-RSA-AES128-GCM-SHA256",
                    "supported: " + String.join(", ", CipherSuites.PSK_SUPPORTED))),
            argumentSet("an unknown cipher suite", config("ssl_ca_cert", CA,
                "ssl_cipher_suites", "AES128-SHA:NO-SUCH-SUITE"), "ssl_cipher_suites", "AES128-SHA:NO-SUCH-SUITE",
                List.of("cipher suite NO-SUCH-SUITE; supported:")));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakeIsOneProblemOnThePropertyToChangeAndShowsNoSecret(Map<String, Object> properties,
            String property, String value, List<String> reasonParts) {
        fixture.expectOneProblem(properties, property, value, reasonParts, PSK_KEY, KEY_PASS);
    }

    // --- certificate TLS

    @Test
    void caCertTurnsTlsOn() {
        // given
        Map<String, Object> properties = config("server", "broker", "ssl_ca_cert", CA);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server().uri()).isEqualTo("ssl://broker:8883");
        assertThat(settings.security()).isInstanceOfSatisfying(TlsSettings.class, tls -> {
            assertThat(tls.caFile()).contains(Path.of(CA));
            assertThat(tls.mutual()).isFalse();
            assertThat(tls.clientCert()).isEmpty();
            assertThat(tls.clientKey()).isEmpty();
            assertThat(tls.keyPassword().isEmpty()).isTrue();
            assertThat(tls.cipherSuites()).isEmpty();
        });
    }

    @Test
    void caCertIsTrimmed() {
        // given
        Map<String, Object> properties = config("ssl_ca_cert", " " + CA + " ");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(((TlsSettings) settings.security()).caFile()).contains(Path.of(CA));
    }

    @ParameterizedTest(name = "ssl_ca_cert={0}")
    @ValueSource(strings = {"system", "SYSTEM", " system "})
    void systemKeywordTrustsTheJavaRuntimesCas(String ca) {
        // given
        Map<String, Object> properties = config("server", "broker", "ssl_ca_cert", ca);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server().scheme()).isEqualTo(Scheme.SSL);
        assertThat(settings.security()).isInstanceOfSatisfying(TlsSettings.class,
            tls -> assertThat(tls.caFile()).isEmpty());
    }

    @Test
    void blankCaCertLeavesTlsOff() {
        // given
        Map<String, Object> properties = config("ssl_ca_cert", "  ");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.security()).isEqualTo(Security.NONE);
        assertThat(settings.server().scheme()).isEqualTo(Scheme.TCP);
    }

    @Test
    void certKeyAndPasswordMakeMutualTls() {
        // given
        Map<String, Object> properties = config("ssl_ca_cert", "system", "ssl_cert", CERT, "ssl_key", KEY,
            "ssl_key_pass", KEY_PASS);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.security()).isInstanceOfSatisfying(TlsSettings.class, tls -> {
            assertThat(tls.mutual()).isTrue();
            assertThat(tls.clientCert()).contains(Path.of(CERT));
            assertThat(tls.clientKey()).contains(Path.of(KEY));
            assertThat(new String(tls.keyPassword().reveal())).isEqualTo(KEY_PASS);
        });
    }

    // --- TLS-PSK

    @Test
    void pskIdentityAndKeyTurnTlsPskOnWithTheDefaultSuites() {
        // given
        Map<String, Object> properties = config("server", "broker", "ssl_psk_identity", "gw-1",
            "ssl_psk_key", PSK_KEY);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server().uri()).isEqualTo("ssl://broker:8883");
        assertThat(settings.security()).isInstanceOfSatisfying(PskSettings.class, psk -> {
            assertThat(psk.identity()).isEqualTo("gw-1");
            assertThat(new String(psk.key().reveal())).isEqualTo(PSK_KEY);
            assertThat(psk.cipherSuites()).isEqualTo(CipherSuites.PSK_DEFAULT);
        });
    }

    @ParameterizedTest(name = "ssl_psk_key={0}")
    @ValueSource(strings = {"c0ffee012", "c0ffee0123456789abcdeg", "0xc0ffee01", "c0ffee 0123", "Zeppelin42"})
    void pskKeyThatIsNotAnEvenNumberOfHexDigitsIsAProblemWithHiddenValue(String key) {
        // given
        Map<String, Object> properties = config("ssl_psk_identity", "gw-1", "ssl_psk_key", key);

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.property()).isEqualTo("ssl_psk_key");
            assertThat(problem.value()).isEqualTo("<hidden>");
            assertThat(problem.reason()).contains("hexadecimal");
        });
        assertThat(parsed.describeProblems()).doesNotContain(key);
        assertThat(parsed.toString()).doesNotContain(key);
    }

    @ParameterizedTest(name = "ssl_psk_key={0}")
    @ValueSource(strings = {"00", "0123456789abcdefABCDEF", "DEADBEEF"})
    void pskKeyOfHexDigitsInEitherCaseIsValid(String key) {
        // given
        Map<String, Object> properties = config("ssl_psk_identity", "gw-1", "ssl_psk_key", key);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.security()).isInstanceOf(PskSettings.class);
    }

    // --- cipher suites

    @Test
    void cipherSuitesForCertificateTlsAreTranslatedToIanaNames() {
        // given
        Map<String, Object> properties = config("ssl_ca_cert", CA,
            "ssl_cipher_suites", "ECDHE-RSA-AES128-GCM-SHA256:TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384,TLS_AES_128_GCM_SHA256");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(((TlsSettings) settings.security()).cipherSuites()).containsExactly(
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void cipherSuitesForPskAreTranslatedToIanaNames() {
        // given
        Map<String, Object> properties = config("ssl_psk_identity", "gw-1", "ssl_psk_key", PSK_KEY,
            "ssl_cipher_suites", "ECDHE-PSK-CHACHA20-POLY1305 PSK-AES128-CBC-SHA256");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(((PskSettings) settings.security()).cipherSuites()).containsExactly(
            "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "TLS_PSK_WITH_AES_128_CBC_SHA256");
    }

    // --- scheme against TLS

    @ParameterizedTest(name = "server={0}")
    @ValueSource(strings = {"ssl://broker", "tls://broker:8883", "mqtts://broker", "wss://broker/mqtt"})
    void tlsSchemeWithoutTlsConfiguredIsAProblemOnServer(String server) {
        // given
        Map<String, Object> properties = config("server", server);

        // when
        ConfigProblem problem = fixture.singleProblem(properties);

        // then
        assertThat(problem.property()).isEqualTo("server");
        assertThat(problem.value()).isEqualTo(server);
        assertThat(problem.reason()).contains("is TLS").contains("ssl_ca_cert");
    }

    @ParameterizedTest(name = "server={0} {1}={2}")
    @CsvSource(delimiter = '|', value = {
        "tcp://broker:1883 | ssl_ca_cert      | /etc/tether/ca.pem",
        "mqtt://broker     | ssl_ca_cert      | system",
        "ws://broker/mqtt  | ssl_ca_cert      | system",
        "tcp://broker      | ssl_psk_identity | gw-1",
        "ws://broker       | ssl_psk_identity | gw-1",
    })
    void plainSchemeWithTlsConfiguredIsAProblemOnServer(String server, String key, String value) {
        // given
        Map<String, Object> properties = config("server", server, key, value, "ssl_psk_key",
            key.equals("ssl_psk_identity") ? PSK_KEY : "");

        // when
        ConfigProblem problem = fixture.singleProblem(properties);

        // then
        assertThat(problem.property()).isEqualTo("server");
        assertThat(problem.value()).isEqualTo(server);
        assertThat(problem.reason()).contains("is not TLS");
    }

    @ParameterizedTest(name = "server={0}")
    @CsvSource(delimiter = '|', value = {
        "ssl://broker       | ssl://broker:8883",
        "tls://broker:9999  | ssl://broker:9999",
        "wss://broker       | wss://broker:443/mqtt",
        "wss://broker/ws    | wss://broker:443/ws",
    })
    void tlsSchemeWithTlsConfiguredIsValid(String server, String uri) {
        // given
        Map<String, Object> properties = config("server", server, "ssl_ca_cert", CA);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server().uri()).isEqualTo(uri);
        assertThat(settings.security()).isInstanceOf(TlsSettings.class);
    }

    // --- WebSocket

    @ParameterizedTest(name = "server={0} ssl_ca_cert={1} ws_path={2}")
    @CsvSource(delimiter = '|', value = {
        "broker        | ''     | /mqtt | ws://broker:80/mqtt",
        "broker:9001   | ''     | /ws   | ws://broker:9001/ws",
        "broker        | system | /mqtt | wss://broker:443/mqtt",
        "broker:8443   | system | /     | wss://broker:8443/",
        "ws://broker   | ''     | /ws   | ws://broker:80/ws",
        "wss://broker/custom | system | /ws | wss://broker:443/custom",
    })
    void webSocketEnabledConnectsOverWsOrWssWithTls(String server, String ca, String wsPath, String uri) {
        // given
        Map<String, Object> properties = config("server", server, "ssl_ca_cert", ca, "ws_enable", "true",
            "ws_path", wsPath);

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server().uri()).isEqualTo(uri);
    }

    @Test
    void webSocketUriWorksWithoutWsEnable() {
        // given
        Map<String, Object> properties = config("server", "ws://broker:8080");

        // when
        ConnectionSettings settings = fixture.validSettings(properties);

        // then
        assertThat(settings.server()).isEqualTo(new ServerAddress(Scheme.WS, "broker", 8080, "/mqtt"));
    }

    @ParameterizedTest(name = "server={0} ssl_ca_cert={1}")
    @CsvSource(delimiter = '|', value = {
        "tcp://broker  | ''",
        "mqtt://broker | ''",
        "ssl://broker  | system",
    })
    void webSocketEnabledWithTcpOrSslUriIsAProblemOnWsEnable(String server, String ca) {
        // given
        Map<String, Object> properties = config("server", server, "ssl_ca_cert", ca, "ws_enable", true);

        // when
        ConfigProblem problem = fixture.singleProblem(properties);

        // then
        assertThat(problem.property()).isEqualTo("ws_enable");
        assertThat(problem.value()).isEqualTo("true");
        assertThat(problem.reason()).contains("not WebSocket");
    }

    @ParameterizedTest(name = "ws_path={0}")
    @ValueSource(strings = {"mqtt", "", "ws/mqtt"})
    void wsPathNotStartingWithSlashIsAProblem(String wsPath) {
        // given
        Map<String, Object> properties = config("ws_enable", "true", "ws_path", wsPath);

        // when
        ConfigProblem problem = fixture.singleProblem(properties);

        // then
        assertThat(problem.property()).isEqualTo("ws_path");
        assertThat(problem.value()).isEqualTo(wsPath);
        assertThat(problem.reason()).contains("must start with '/'");
    }

    @ParameterizedTest(name = "server={0} ws_enable={1}")
    @CsvSource(delimiter = '|', value = {
        "broker              | true",
        "wss://broker/mqtt   | false",
        "wss://broker        | true",
    })
    void pskOverWebSocketIsAProblemOnPskIdentity(String server, boolean webSocket) {
        // given
        Map<String, Object> properties = config("server", server, "ws_enable", webSocket,
            "ssl_psk_identity", "gw-1", "ssl_psk_key", PSK_KEY);

        // when
        ConfigProblem problem = fixture.singleProblem(properties);

        // then
        assertThat(problem.property()).isEqualTo("ssl_psk_identity");
        assertThat(problem.value()).isEqualTo("gw-1");
        assertThat(problem.reason()).contains("WebSocket");
    }

    // --- fingerprint of the TLS files

    private static Map<String, Object> tlsFiles(Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "ca one");
        Path cert = Files.writeString(dir.resolve("client.pem"), "cert one");
        Path key = Files.writeString(dir.resolve("client.key"), "key one");
        return config("ssl_ca_cert", ca.toString(), "ssl_cert", cert.toString(), "ssl_key", key.toString());
    }

    @Test
    void unchangedFilesGiveEqualSettings(@TempDir Path dir) throws IOException {
        // given
        Map<String, Object> properties = tlsFiles(dir);
        ConnectionSettings before = fixture.validSettings(properties);

        // when the files are written again with the same content
        tlsFiles(dir);
        ConnectionSettings after = fixture.validSettings(properties);

        // then
        assertThat(after).isEqualTo(before).hasSameHashCodeAs(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ssl_ca_cert", "ssl_cert", "ssl_key"})
    void replacedFileContentGivesDifferentSettings(String key, @TempDir Path dir) throws IOException {
        // given
        Map<String, Object> properties = tlsFiles(dir);
        ConnectionSettings before = fixture.validSettings(properties);

        // when the file is replaced, at the same path
        Files.writeString(Path.of((String) properties.get(key)), "rotated", StandardCharsets.UTF_8);
        ConnectionSettings after = fixture.validSettings(properties);

        // then
        assertThat(after).isNotEqualTo(before);
        assertThat(((TlsSettings) after.security()).fingerprint())
            .isNotEqualTo(((TlsSettings) before.security()).fingerprint());
    }

    @Test
    void caFileAppearingGivesDifferentSettings(@TempDir Path dir) throws IOException {
        // given a CA file that does not exist yet
        Path ca = dir.resolve("ca.pem");
        Map<String, Object> properties = config("ssl_ca_cert", ca.toString());
        ConnectionSettings before = fixture.validSettings(properties);

        // when
        Files.writeString(ca, "ca one");
        ConnectionSettings after = fixture.validSettings(properties);

        // then
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void systemTrustWithoutFilesGivesEqualSettings() {
        // given
        Map<String, Object> properties = config("ssl_ca_cert", "system");

        // when
        ConnectionSettings first = fixture.validSettings(properties);
        ConnectionSettings second = fixture.validSettings(properties);

        // then
        assertThat(first).isEqualTo(second);
    }

    // --- secrets

    @Test
    void pskKeyAndKeyPasswordNeverAppearInProblems() {
        // given a configuration with both secrets and problems involving each of them
        String badPskKey = "c0ffee0123456789abcdefX";
        Map<String, Object> properties = config("server", "wss://broker", "ssl_psk_identity", "gw-1",
            "ssl_psk_key", badPskKey, "ssl_key_pass", KEY_PASS, "ssl_cipher_suites", "NO-SUCH-SUITE",
            "ws_path", "x");

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        assertThat(parsed.problems()).extracting(ConfigProblem::property)
            .contains("ssl_psk_key", "ssl_key_pass", "ssl_cipher_suites", "ws_path", "ssl_psk_identity");
        assertThat(parsed.problems()).allSatisfy(problem -> assertThat(problem.toString())
            .doesNotContain(badPskKey).doesNotContain(KEY_PASS));
        assertThat(parsed.describeProblems()).doesNotContain(badPskKey).doesNotContain(KEY_PASS);
        assertThat(parsed.toString()).doesNotContain(badPskKey).doesNotContain(KEY_PASS);
    }

    @Test
    void validPskKeyNeverAppearsInProblemsOfOtherProperties() {
        // given a valid key, and a problem elsewhere
        Map<String, Object> properties = config("ssl_psk_identity", "gw-1", "ssl_psk_key", PSK_KEY,
            "ssl_cert", CERT, "ssl_key", KEY, "ssl_key_pass", KEY_PASS);

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        assertThat(parsed.problems()).isNotEmpty();
        assertThat(parsed.describeProblems()).doesNotContain(PSK_KEY).doesNotContain(KEY_PASS);
        assertThat(parsed.toString()).doesNotContain(PSK_KEY).doesNotContain(KEY_PASS);
    }

    @Test
    void secretsNeverAppearInValidSettings() {
        // given
        ConnectionSettings psk = fixture.validSettings(config("ssl_psk_identity", "gw-1", "ssl_psk_key", PSK_KEY));
        ConnectionSettings tls = fixture.validSettings(config("ssl_ca_cert", CA, "ssl_cert", CERT, "ssl_key", KEY,
            "ssl_key_pass", KEY_PASS));

        // when
        List<String> shown = List.of(psk.toString(), tls.toString());

        // then
        assertThat(shown).noneMatch(text -> text.contains(PSK_KEY) || text.contains(KEY_PASS));
        assertThat(tls.toString()).contains(CERT);
    }

    // --- files

    @Test
    void nonExistingCertificateFilesAreNoConfigurationProblem() {
        // given paths that do not exist: the connection attempt reports them
        Map<String, Object> properties = config("ssl_ca_cert", "/nonexistent/ca.pem", "ssl_cert", "/nonexistent/c.pem",
            "ssl_key", "/nonexistent/c.key");

        // when
        ParsedConfiguration parsed = parser.parseDefault(properties);

        // then
        assertThat(parsed.problems()).isEmpty();
        TlsSettings tls = (TlsSettings) parsed.settings().orElseThrow().security();
        assertThat(tls.caFile()).isEqualTo(Optional.of(Path.of("/nonexistent/ca.pem")));
        assertThat(tls.clientKey()).isEqualTo(Optional.of(Path.of("/nonexistent/c.key")));
    }
}
