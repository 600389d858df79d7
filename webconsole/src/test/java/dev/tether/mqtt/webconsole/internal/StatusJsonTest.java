package dev.tether.mqtt.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionMetrics;
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
            {"filter":"tether/gw/#","qos":0,"granted":null,"refusal_code":null,"listeners":1}],"history":null,\
            "events":null},
            {"connection":"plant","state":"DISCONNECTED","server":"tcp://***@broker:1883","on_backup_server":false,\
            "client_id":"gw-plant","protocol":null,"assigned_client_id":null,"server_keep_alive":null,\
            "shared_subscriptions":null,"connected_since":null,"last_error":"refused","reconnect_attempts":0,"queued":0,\
            "in_flight":0,"oldest_queued_age":null,"dropped":3,"sent":1234,"received":567,"subscriptions":[],\
            "history":null,"events":null}
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
    void escapesStringsAsTheBundlesJsonWriterDoes() {
        TestStatus status = TestStatus.connected("default")
            .withLastError("a\"b\\c\nd\re\tf\u0001g</script>&\u2028h\u00e9\u20ac");

        String json = StatusJson.render(List.of(new ConnectionSnapshot("default", Optional.of(status))));

        assertThat(json).contains(
            "\"last_error\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u003c/script\\u003e\\u0026\\u2028h\u00e9\u20ac\",");
    }

    @Test
    void writesTheHistoryAndTheEventsOldestFirst() {
        String json = StatusJson.render(List.of(new ConnectionSnapshot("default",
            Optional.of(TestStatus.connected("default")), Optional.of(TestMetrics.some()))));

        assertThat(json).contains("""
            "subscriptions":[{"filter":"home/+/cmd","qos":1,"granted":1,"refusal_code":null,"listeners":2},\
            {"filter":"tether/gw/#","qos":0,"granted":null,"refusal_code":null,"listeners":1}],\
            "history":[{"time":"2026-01-01T10:03:05Z","in_per_second":2.5,"out_per_second":0,"queued":0},\
            {"time":"2026-01-01T10:03:10Z","in_per_second":12.125,"out_per_second":3.2,"queued":4}],\
            "events":[\
            {"time":"2026-01-01T09:59:00.250Z","type":"CONNECTION_LOST","detail":"connection reset","count":1},\
            {"time":"2026-01-01T09:59:58Z","type":"ATTEMPT_FAILED","detail":"tcp://localhost:1883: refused","count":3},\
            {"time":"2026-01-01T10:00:00.500Z","type":"CONNECTED","detail":"tcp://localhost:1883 with MQTT 5","count":1}\
            ]}
            """.strip());
    }

    @Test
    void ratesThatRoundToWholeNumbersAreStillJsonNumbers() {
        // 5 messages in 5.0000012 s: "%.3f" with its zeros cut wrote "1.", and the page could not parse the JSON
        TestMetrics metrics = new TestMetrics(List.of(new ConnectionMetrics.Sample(TestStatus.NOW, 5 / 5.0000012,
            0.0000001, 0)), List.of());

        String json = StatusJson.render(List.of(new ConnectionSnapshot("default",
            Optional.of(TestStatus.connected("default")), Optional.of(metrics))));

        assertThat(json).contains("\"in_per_second\":1,\"out_per_second\":0,").doesNotContainPattern("[0-9]\\.[^0-9]");
    }

    @Test
    void aConnectionWithoutSamplesOrEventsHasEmptyArrays() {
        String json = StatusJson.render(List.of(new ConnectionSnapshot("default",
            Optional.of(TestStatus.connected("default")), Optional.of(TestMetrics.none()))));

        assertThat(json).endsWith(",\"history\":[],\"events\":[]}\n]\n");
    }

    @Test
    void masksUserInfoInEventDetails() {
        TestStatus status = TestStatus.connected("default").withServer("tcp://user:s3cret@broker:1883");
        TestMetrics metrics = new TestMetrics(List.of(), List.of(new ConnectionMetrics.Event(TestStatus.NOW,
            "ATTEMPT_FAILED", "tcp://user:s3cret@broker:1883: refused; also ssl://u:p@backup:8883", 1)));

        String json = StatusJson.render(List.of(new ConnectionSnapshot("default", Optional.of(status),
            Optional.of(metrics))));

        assertThat(json).doesNotContain("s3cret").doesNotContain("u:p@")
            .contains("\"detail\":\"tcp://***@broker:1883: refused; also ssl://***@backup:8883\"");
    }

    @Test
    void metricsThatFailLeaveTheStatusAndSayNull() {
        String json = StatusJson.render(List.of(new ConnectionSnapshot("default",
            Optional.of(TestStatus.connected("default")), Optional.of(TestMetrics.failing()))));

        assertThat(json).contains("\"state\":\"CONNECTED\"").endsWith(",\"history\":null,\"events\":null}\n]\n");
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
