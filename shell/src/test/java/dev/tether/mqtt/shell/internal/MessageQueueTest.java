package dev.tether.mqtt.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.MqttMessage;

class MessageQueueTest {

    private static MqttMessage message(String topic) {
        return new MqttMessage(topic, new byte[0], 0, false, false);
    }

    @Test
    void fullQueueDropsNewMessagesAndCountsThemWithoutBlocking() throws Exception {
        // given
        MessageQueue queue = new MessageQueue(2);

        // when
        queue.messageArrived(message("a"));
        queue.messageArrived(message("b"));
        queue.messageArrived(message("c"));

        // then
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.next(Duration.ZERO).topic()).isEqualTo("a");
        assertThat(queue.nextWaiting().topic()).isEqualTo("b");
        assertThat(queue.nextWaiting()).isNull();
    }
}
