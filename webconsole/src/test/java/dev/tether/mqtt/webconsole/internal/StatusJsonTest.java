package dev.tether.mqtt.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;

class StatusJsonTest {

    @Test
    void writesEveryFieldOfEveryConnection() {
        TestStatus plant = TestStatus.connected("plant").withState(ConnectionState.DISCONNECTED, Optional.empty())
            .withServer("tcp://user:secret@broker:1883").withLastError("refused").withSubscriptions()
            .withNothingQueued();

        String json = StatusJson.render(List.of(
            new ConnectionSnapshot("default", Optional.of(TestStatus.connected("default"))),
            new ConnectionSnapshot("plant", Optional.of(plant))));

        assertThat(json).isEqualTo("""
            [
            {"connection":"default","state":"CONNECTED","server":"tcp://localhost:1883","on_backup_server":false,\
            "client_id":"gw-default","protocol":"5","assigned_client_id":null,"server_keep_alive":null,\
            "shared_subscriptions":true,"connected_since":"2026-01-01T10:00:00.500Z","last_error":null,"reconnect_attempts":0,\
            "queued":5,"in_flight":2,"oldest_queued_age":"PT42S","dropped":3,"sent":1234,"received":567,"subscriptions":[\
            {"filter":"home/+/cmd","qos":1,"granted":1,"refusal_code":null,"listeners":2},\
            {"filter":"tether/gw/#","qos":0,"granted":null,"refusal_code":null,"listeners":1}]},
            {"connection":"plant","state":"DISCONNECTED","server":"tcp://***@broker:1883","on_backup_server":false,\
            "client_id":"gw-plant","protocol":null,"assigned_client_id":null,"server_keep_alive":null,\
            "shared_subscriptions":null,"connected_since":null,"last_error":"refused","reconnect_attempts":0,"queued":0,\
            "in_flight":0,"oldest_queued_age":null,"dropped":3,"sent":1234,"received":567,"subscriptions":[]}
            ]
            """);
    }

    @Test
    void saysWhenTheConnectionRunsOnTheBackupServer() {
        String json = StatusJson.render(List.of(new ConnectionSnapshot("default",
            Optional.of(TestStatus.connected("default").onBackup("tcp://backup:1883")))));

        assertThat(json).contains("\"server\":\"tcp://backup:1883\",\"on_backup_server\":true,");
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        assertThat(StatusJson.render(List.of())).isEqualTo("[\n]\n");
    }

    @Test
    void aConnectionThatWentAwayCarriesOnlyItsNameAndWhy() {
        assertThat(StatusJson.render(List.of(ConnectionSnapshot.gone("plant"))))
            .isEqualTo("[\n{\"connection\":\"plant\",\"error\":\"connection went away\"}\n]\n");
    }

    @Test
    void escapesStrings() {
        assertThat(StatusJson.string("a\"b\\c\nd\re\tf\u0001g</script>&\u2028h\u00e9\u20ac"))
            .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u003c/script\\u003e\\u0026\\u2028h\u00e9\u20ac\"");
    }

    @Test
    void escapesAHostileTopicFilterAndError() {
        TestStatus hostile = TestStatus.connected("default").withLastError("bad \"quote\"\n<b>")
            .withSubscriptions(new TestStatus.TestSubscription("a/\"}]/#", 0, 1));

        String json = StatusJson.render(List.of(new ConnectionSnapshot("default", Optional.of(hostile))));

        assertThat(json).contains("\"last_error\":\"bad \\\"quote\\\"\\n\\u003cb\\u003e\"")
            .contains("{\"filter\":\"a/\\\"}]/#\",\"qos\":0,\"granted\":null,\"refusal_code\":null,\"listeners\":1}");
    }

    @Test
    void writesWhatAnMqtt5BrokerDecidedAndARefusedFilter() {
        String json = StatusJson.render(List.of(new ConnectionSnapshot("default", Optional.of(
            TestStatus.connected("default").withBrokerTerms("auto-7f3a", 30, false).withSubscriptions(
                new TestStatus.TestSubscription("secret/#", 1, 1, OptionalInt.empty(), OptionalInt.of(0x87)))))));

        assertThat(json).contains("\"protocol\":\"5\",\"assigned_client_id\":\"auto-7f3a\",\"server_keep_alive\":30,"
            + "\"shared_subscriptions\":false")
            .contains("{\"filter\":\"secret/#\",\"qos\":1,\"granted\":null,\"refusal_code\":135,\"listeners\":1}");
    }
}
