package dev.tether.mqtt.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tether.mqtt.internal.config.ServerAddress.Scheme;

class ServerAddressTest {

    // --- written scheme

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tcp://broker   | TCP",
        "mqtt://broker  | TCP",
        "ssl://broker   | SSL",
        "tls://broker   | SSL",
        "mqtts://broker | SSL",
        "MQTTS://broker | SSL",
        "ws://broker    | WS",
        "wss://broker   | WSS",
    })
    void schemeAndItsAliasesAreRecognised(String text, Scheme scheme) {
        // given / when
        ServerAddress.Written written = ServerAddress.parse(text);

        // then
        assertThat(written.writtenScheme()).contains(scheme);
        assertThat(written.host()).isEqualTo("broker");
    }

    @Test
    void hostAndPortHasNoWrittenScheme() {
        // given / when
        ServerAddress.Written written = ServerAddress.parse("broker:1884");

        // then
        assertThat(written.writtenScheme()).isEqualTo(Optional.empty());
        assertThat(written.port()).isEqualTo(1884);
    }

    // --- resolving: scheme, default port, path

    @ParameterizedTest(name = "{0} secure={1} ws={2} ws_path={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
        // HOST:PORT takes the scheme from TLS and WebSocket, the port from the scheme
        "broker              | false | false | /mqtt | tcp://broker:1883",
        "broker              | true  | false | /mqtt | ssl://broker:8883",
        "broker              | false | true  | /mqtt | ws://broker:80/mqtt",
        "broker              | true  | true  | /mqtt | wss://broker:443/mqtt",
        "broker:9001         | false | true  | /ws   | ws://broker:9001/ws",
        "broker:9443         | true  | true  | /     | wss://broker:9443/",
        "broker:2883         | true  | false | /mqtt | ssl://broker:2883",
        "[::1]               | true  | false | /mqtt | ssl://[::1]:8883",
        // a written scheme wins, its default port applies
        "tcp://broker        | false | false | /mqtt | tcp://broker:1883",
        "ssl://broker        | true  | false | /mqtt | ssl://broker:8883",
        "tls://broker:1234   | true  | false | /mqtt | ssl://broker:1234",
        "mqtts://broker      | true  | false | /mqtt | ssl://broker:8883",
        "ws://broker         | false | false | /mqtt | ws://broker:80/mqtt",
        "wss://broker        | true  | false | /mqtt | wss://broker:443/mqtt",
        "ws://[fe80::1]:8080 | false | false | /ws   | ws://[fe80::1]:8080/ws",
        // a path in a ws:// or wss:// URI wins over ws_path
        "ws://broker/custom  | false | false | /mqtt | ws://broker:80/custom",
        "wss://broker:8443/a/b | true | true | /mqtt | wss://broker:8443/a/b",
    })
    void resolvedAddressHasSchemePortAndPath(String text, boolean secure, boolean webSocket, String wsPath,
            String uri) {
        // given
        ServerAddress.Written written = ServerAddress.parse(text);

        // when
        ServerAddress address = written.resolve(secure, webSocket, wsPath);

        // then
        assertThat(address.uri()).isEqualTo(uri);
        assertThat(address).hasToString(uri);
    }

    @Test
    void resolvedAddressHasItsParts() {
        // given
        ServerAddress.Written written = ServerAddress.parse("wss://broker.example:8443/mqtt");

        // when
        ServerAddress address = written.resolve(true, true, "/ignored");

        // then
        assertThat(address).isEqualTo(new ServerAddress(Scheme.WSS, "broker.example", 8443, "/mqtt"));
        assertThat(address.scheme().secure()).isTrue();
        assertThat(address.scheme().webSocket()).isTrue();
        assertThat(address.authority()).isEqualTo("broker.example:8443");
    }

    @Test
    void addressWithoutWebSocketHasNoPath() {
        // given
        ServerAddress.Written written = ServerAddress.parse("ssl://broker");

        // when
        ServerAddress address = written.resolve(true, false, "/mqtt");

        // then the ws_path does not make two TLS addresses differ
        assertThat(address.path()).isEmpty();
        assertThat(address).isEqualTo(ServerAddress.parse("broker").resolve(true, false, "/other"));
    }

    @Test
    void plainConstructorIsTcp() {
        // given / when
        ServerAddress address = new ServerAddress("fe80::1", 1883);

        // then
        assertThat(address.scheme()).isEqualTo(Scheme.TCP);
        assertThat(address.uri()).isEqualTo("tcp://[fe80::1]:1883");
        assertThat(address.authority()).isEqualTo("[fe80::1]:1883");
    }

    @ParameterizedTest(name = "secure={0} ws={1} -> {2}")
    @CsvSource({"false, false, TCP", "true, false, SSL", "false, true, WS", "true, true, WSS"})
    void schemeFollowsTlsAndWebSocket(boolean secure, boolean webSocket, Scheme scheme) {
        // given / when
        Scheme of = Scheme.of(secure, webSocket);

        // then
        assertThat(of).isEqualTo(scheme);
        assertThat(of.secure()).isEqualTo(secure);
        assertThat(of.webSocket()).isEqualTo(webSocket);
    }

    // --- invalid text

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
        "''                       | must not be empty",
        "http://broker            | unknown scheme http://",
        "broker:1883/mqtt         | only a ws:// or wss:// URI has a path",
        "tcp://broker/mqtt        | only a ws:// or wss:// URI has a path",
        "ssl://broker:8883/       | only a ws:// or wss:// URI has a path",
        "mqtts://broker/x         | only a ws:// or wss:// URI has a path",
        "ws://broker/mqtt?x=1     | must not have a path, query or fragment",
        "wss://broker/mqtt#frag   | must not have a path, query or fragment",
        "ws://broker:0/mqtt       | out of range",
        "wss://broker:70000       | out of range",
        "ws://broker:abc/mqtt     | port 'abc' is not a number",
        "ws://broker:/mqtt        | is not HOST:PORT",
        "wss://user@broker/mqtt   | is not HOST:PORT",
    })
    void invalidTextIsRejectedSayingWhy(String text, String reason) {
        // given / when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAddress.parse(text))
            .withMessageContaining(reason);
    }
}
