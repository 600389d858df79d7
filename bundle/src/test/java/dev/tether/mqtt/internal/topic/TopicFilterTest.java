package dev.tether.mqtt.internal.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFilterTest {

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        // MQTT 3.1.1 section 4.7.1.2: multi-level wildcard
        "sport/tennis/player1/#   | sport/tennis/player1                  | true",
        "sport/tennis/player1/#   | sport/tennis/player1/ranking          | true",
        "sport/tennis/player1/#   | sport/tennis/player1/score/wimbledon  | true",
        "sport/tennis/player1/#   | sport/tennis/player2                  | false",
        "sport/tennis/player1/#   | sport/tennis                          | false",
        "sport/#                  | sport                                 | true",
        "sport/#                  | sport/                                | true",
        "sport/#                  | sports                                | false",
        "#                        | sport/tennis                          | true",
        "#                        | /finance                              | true",
        // 4.7.1.3: single-level wildcard
        "sport/tennis/+           | sport/tennis/player1                  | true",
        "sport/tennis/+           | sport/tennis/player2                  | true",
        "sport/tennis/+           | sport/tennis/player1/ranking          | false",
        "sport/+                  | sport                                 | false",
        "sport/+                  | sport/                                | true",
        "+/+                      | /finance                              | true",
        "/+                       | /finance                              | true",
        "+                        | /finance                              | false",
        "+                        | finance                               | true",
        "+/tennis/#               | sport/tennis/player1                  | true",
        // 4.7.2: topics starting with $
        "#                        | $SYS/broker/clients                   | false",
        "+/monitor/Clients        | $SYS/monitor/Clients                  | false",
        "$SYS/#                   | $SYS/x                                | true",
        "$SYS/monitor/+           | $SYS/monitor/Clients                  | true",
        // exact and empty levels
        "a/b                      | a/b                                   | true",
        "a/b                      | a/b/c                                 | false",
        "a/b/c                    | a/b                                   | false",
        "a                        | ab                                    | false",
        "ab                       | a                                     | false",
        "a//b                     | a//b                                  | true",
        "a/+/b                    | a//b                                  | true",
        "a//b                     | a/x/b                                 | false",
        "a/+/b                    | a/x/y/b                               | false",
        "/a                       | a                                     | false",
        "a                        | /a                                    | false",
        "Sport                    | sport                                 | false",
        // shared subscriptions match by the filter after $share/<group>/
        "$share/g1/sensors/#      | sensors/t1                            | true",
        "$share/g1/sensors/+      | sensors/t1/x                          | false",
        "$share/g1/#              | $SYS/x                                | false",
        "$share/g1/a              | $share/g1/a                           | false",
    })
    void matchesLikeMqtt311(String filter, String topic, boolean expected) {
        // given
        TopicFilter topicFilter = TopicFilter.of(filter);

        // when
        boolean matches = topicFilter.matches(topic);

        // then
        assertThat(matches).isEqualTo(expected);
    }

    @Test
    void invalidFilterIsRejected() {
        // given / when / then
        assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.of("a/#/b"))
            .withMessageContaining("a/#/b");
    }

    @ParameterizedTest(name = "''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"$share/", "$share//a", "$share/g", "$share/g/",
        "$share/g+/a", "$share/#"})
    void malformedSharedSubscriptionIsRejected(String filter) {
        assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.of(filter)).withMessageContaining(filter);
    }

    @Test
    void sharedSubscriptionIsSentAsWritten() {
        assertThat(TopicFilter.of("$share/g1/sensors/#").filter()).isEqualTo("$share/g1/sensors/#");
    }

    @Test
    void filtersWithTheSameTextAreEqual() {
        // given / when / then
        assertThat(TopicFilter.of("a/+")).isEqualTo(TopicFilter.of("a/+")).hasSameHashCodeAs(TopicFilter.of("a/+"))
            .isNotEqualTo(TopicFilter.of("a/#"));
        assertThat(TopicFilter.of("a/+")).hasToString("a/+");
    }
}
