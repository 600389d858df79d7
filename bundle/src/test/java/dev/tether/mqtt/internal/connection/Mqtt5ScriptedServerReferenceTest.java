package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.config.ServerAddress.Scheme;

/**
 * The forms of an MQTT 5 Server Reference (MQTT 5.0, 4.11, which leaves the form to the implementation) that Tether
 * follows, read from the server in use: its scheme, and so its TLS or WebSocket settings, and its WebSocket path
 * are kept; so is its port when the reference has none.
 */
class Mqtt5ScriptedServerReferenceTest {

    private static final ServerAddress TCP = new ServerAddress("broker-a", 1883);
    private static final ServerAddress SSL = new ServerAddress(Scheme.SSL, "broker-a", 8883, "");
    private static final ServerAddress WS = new ServerAddress(Scheme.WS, "broker-a", 80, "/mqtt");

    @ParameterizedTest(name = "''{0}'' from tcp://broker-a:1883 is {1}")
    @CsvSource(delimiter = '|', value = {
        "broker-b:1884|tcp://broker-b:1884",
        "broker-b|tcp://broker-b:1883",
        "10.0.0.7:1884|tcp://10.0.0.7:1884",
        "[::1]:1884|tcp://[::1]:1884",
        "[::1]|tcp://[::1]:1883",
        "broker-b:1884 broker-c:1885|tcp://broker-b:1884",
        "'  broker-b:1884   broker-c '|tcp://broker-b:1884",
        "mqtt://broker-b:1884|tcp://broker-b:1884"})
    void aReferenceNamesTheServerOfTheNextAttempt(String reference, String expected) {
        assertThat(ServerReference.resolve(reference, TCP)).map(ServerAddress::uri).hasValue(expected);
    }

    @ParameterizedTest(name = "''{0}'' keeps the scheme and path of {1}")
    @CsvSource(delimiter = '|', value = {
        "broker-b:8884|ssl|ssl://broker-b:8884",
        "broker-b|ssl|ssl://broker-b:8883",
        "broker-b:81|ws|ws://broker-b:81/mqtt"})
    void aReferenceKeepsTheSchemeAndPathOfTheServerInUse(String reference, String scheme, String expected) {
        ServerAddress current = scheme.equals("ssl") ? SSL : WS;
        assertThat(ServerReference.resolve(reference, current)).map(ServerAddress::uri).hasValue(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   ", ":1884", "broker-b:port", "broker-b:70000", "broker-b:0", "[::1"})
    void aReferenceThatNamesNoValidServerIsNotFollowed(String reference) {
        assertThat(ServerReference.resolve(reference, TCP)).isEqualTo(Optional.empty());
    }
}
