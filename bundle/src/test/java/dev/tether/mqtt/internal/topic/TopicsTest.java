package dev.tether.mqtt.internal.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest(name = "topic ''{0}''")
    @ValueSource(strings = {"a", "a/b", "/", "a//b", "/finance", "$SYS/broker", "sport/tennis player1", "ü/€"})
    void validTopicHasNoProblem(String topic) {
        // given / when / then
        assertThat(Topics.topicProblem(topic)).isNull();
    }

    @ParameterizedTest(name = "topic ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "''        | must not be empty",
        "a/+/b     | wildcards",
        "a/#       | wildcards",
        "+         | wildcards",
        "a#        | wildcards",
    })
    void invalidTopicHasAProblem(String topic, String reason) {
        // given / when / then
        assertThat(Topics.topicProblem(topic)).contains(reason);
    }

    @Test
    void topicWithNulIsInvalid() {
        // given
        String topic = "a\u0000b";

        // when / then
        assertThat(Topics.topicProblem(topic)).contains("NUL");
        assertThat(Topics.filterProblem(topic)).contains("NUL");
    }

    @Test
    void topicOfExactly65535BytesIsValid() {
        // given
        String topic = "a".repeat(65535);

        // when / then
        assertThat(Topics.topicProblem(topic)).isNull();
        assertThat(Topics.filterProblem(topic)).isNull();
    }

    @Test
    void topicOver65535BytesIsInvalid() {
        // given
        String topic = "a".repeat(65536);

        // when / then
        assertThat(Topics.topicProblem(topic)).contains("65535");
        assertThat(Topics.filterProblem(topic)).contains("65535");
    }

    @Test
    void topicLengthCountsUtf8BytesNotChars() {
        // given 21846 three-byte characters: 65538 bytes, fewer than 65535 chars
        String topic = "€".repeat(21846);

        // when / then
        assertThat(Topics.topicProblem(topic)).contains("65535");
    }

    @ParameterizedTest(name = "filter ''{0}''")
    @ValueSource(strings = {"#", "+", "a/#", "a/+/b", "+/+", "/+", "+/#", "a//b", "$SYS/#", "sport/tennis/player1"})
    void validFilterHasNoProblem(String filter) {
        // given / when / then
        assertThat(Topics.filterProblem(filter)).isNull();
    }

    @ParameterizedTest(name = "filter ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "''       | must not be empty",
        "a/#/b    | # must be a whole level and the last one",
        "a#       | # must be a whole level and the last one",
        "#/       | # must be a whole level and the last one",
        "a/b#     | # must be a whole level and the last one",
        "a+/b     | + must be a whole level",
        "a/+b     | + must be a whole level",
        "++       | + must be a whole level",
    })
    void invalidFilterHasAProblem(String filter, String reason) {
        // given / when / then
        assertThat(Topics.filterProblem(filter)).isEqualTo(reason);
    }

    @Test
    void requireValidTopicNamesTopicAndRule() {
        // given / when / then
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.requireValidTopic("a/+"))
            .withMessageContaining("'a/+'").withMessageContaining("wildcards");
    }

    @Test
    void requireValidFilterNamesFilterAndRule() {
        // given / when / then
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.requireValidFilter("a/#/b"))
            .withMessageContaining("'a/#/b'").withMessageContaining("#");
    }

    @Test
    void nullTopicIsANullPointerException() {
        // given / when / then
        assertThatNullPointerException().isThrownBy(() -> Topics.topicProblem(null));
    }

    @ParameterizedTest(name = "qos {0}")
    @ValueSource(ints = {-1, 3})
    void qosOutsideZeroToTwoIsRejected(int qos) {
        // given / when / then
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.requireValidQos(qos))
            .withMessageContaining(String.valueOf(qos));
    }

    @ParameterizedTest(name = "qos {0}")
    @ValueSource(ints = {0, 1, 2})
    void qosZeroToTwoIsAccepted(int qos) {
        // given / when / then
        Topics.requireValidQos(qos);
    }
}
