package dev.tether.mqtt.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.internal.config.QueueOverflow;

class OutboundQueueTest {

    /** Records what is sent; can be told to behave as a closed connection or to fail a message. */
    private static final class FakeTransport implements OutboundQueue.Transport {
        record Send(OutboundMessage message, int attempt) {
        }

        final List<Send> sends = new ArrayList<>();
        boolean closed;
        RuntimeException failure;

        @Override
        public void send(OutboundMessage message, int attempt) throws Exception {
            if (closed) {
                throw new OutboundQueue.TransportClosedException(new IllegalStateException("socket closed"));
            }
            if (failure != null) {
                throw failure;
            }
            sends.add(new Send(message, attempt));
        }

        List<String> topics() {
            return sends.stream().map(send -> send.message().topic).toList();
        }

        int lastAttempt() {
            return sends.get(sends.size() - 1).attempt();
        }
    }

    private static OutboundMessage message(String topic, int qos) {
        return new OutboundMessage(topic, topic.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    private static Throwable failure(OutboundMessage message) {
        assertThat(message.completion).isCompletedExceptionally();
        return message.completion.handle((ignored, error) -> error).join();
    }

    private static Reason failureReason(OutboundMessage message) {
        Throwable error = failure(message);
        assertThat(error).isInstanceOf(MqttServiceException.class);
        return ((MqttServiceException) error).reason();
    }

    private static List<OutboundMessage> publishAll(OutboundQueue queue, int qos, String... topics) {
        List<OutboundMessage> messages = new ArrayList<>();
        for (String topic : topics) {
            OutboundMessage message = message(topic, qos);
            queue.publish(message);
            messages.add(message);
        }
        return messages;
    }

    // --- QoS 2 window

    @Test
    void atMostTwentyQos2MessagesAreInFlightAndLaterOnesWaitInOrder() {
        // given a wide window and a connection
        OutboundQueue queue = new OutboundQueue(1000, 100, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);

        // when 25 QoS 2 messages and then a QoS 1 message are published
        List<OutboundMessage> exactlyOnce = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            exactlyOnce.addAll(publishAll(queue, 2, "q2-" + i));
        }
        publishAll(queue, 1, "q1-after");

        // then 20 are sent; the rest, the QoS 1 one included, wait behind them in order
        assertThat(transport.sends).hasSize(InFlight.EXACTLY_ONCE_WINDOW);
        assertThat(queue.inflightCount()).isEqualTo(20);

        // when the first two complete
        queue.completed(exactlyOnce.get(0), 1);
        queue.completed(exactlyOnce.get(1), 1);

        // then the next two go, still in order
        assertThat(transport.topics().subList(20, 22)).containsExactly("q2-20", "q2-21");
        assertThat(transport.sends).hasSize(22);
    }

    @Test
    void qos1MessagesAreNotHeldByTheQos2Window() {
        // given
        OutboundQueue queue = new OutboundQueue(1000, 100, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);

        // when
        for (int i = 0; i < 50; i++) {
            publishAll(queue, 1, "q1-" + i);
        }

        // then
        assertThat(transport.sends).hasSize(50);
    }

    // --- QoS 0

    @Test
    void qos0WithoutConnectionFailsNotConnected() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        OutboundMessage message = message("t", 0);

        // when
        queue.publish(message);

        // then
        assertThat(failureReason(message)).isEqualTo(Reason.NOT_CONNECTED);
        assertThat(failure(message)).hasMessageContaining("t");
        assertThat(queue.size()).isZero();
    }

    @Test
    void qos0WhileConnectedIsSentAndCompletesWhenWritten() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        OutboundMessage message = message("t", 0);

        // when
        queue.publish(message);
        queue.completed(message, transport.lastAttempt());

        // then
        assertThat(transport.topics()).containsExactly("t");
        assertThat(message.completion).isCompleted();
    }

    @Test
    void qos0OnAClosedTransportFailsNotConnected() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        transport.closed = true;
        queue.connected(transport);
        OutboundMessage message = message("t", 0);

        // when
        queue.publish(message);

        // then
        assertThat(failureReason(message)).isEqualTo(Reason.NOT_CONNECTED);
    }

    // --- offline queue

    @Test
    void qos1WithoutConnectionIsQueuedUpToCapacity() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 2, Runnable::run, message -> { });

        // when
        List<OutboundMessage> messages = publishAll(queue, 1, "a", "b", "c");

        // then
        assertThat(messages.get(0).completion).isNotDone();
        assertThat(messages.get(1).completion).isNotDone();
        assertThat(failureReason(messages.get(2))).isEqualTo(Reason.QUEUE_FULL);
        assertThat(failure(messages.get(2))).hasMessageContaining("max_queue_length=2");
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void theQueueHoldsAtMostMaxQueueBytesOfTopicsAndPayloads() {
        // given room for 1,000 messages but 1,000 bytes
        OutboundQueue queue = new OutboundQueue(10, 1000, Runnable::run, message -> { });
        queue.setCapacity(1000, 1000, QueueOverflow.REJECT);

        // when messages of 300 bytes of payload on a topic of 1 byte are published, and one of 2,000
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            messages.add(new OutboundMessage("t", new byte[300], 1, false));
        }
        messages.add(new OutboundMessage("t", new byte[2000], 1, false));
        messages.forEach(queue::publish);

        // then three fit, the fourth finds the queue full, and the large one could never fit
        assertThat(queue.size()).isEqualTo(3);
        assertThat(failure(messages.get(3))).hasMessageContaining("max_queue_bytes=1000")
            .hasMessageContaining("3 messages waiting of max_queue_length=1000, 903 bytes of");
        assertThat(failureReason(messages.get(4))).isEqualTo(Reason.QUEUE_FULL);
        assertThat(failure(messages.get(4))).hasMessageContaining("2001 bytes of topic and payload")
            .hasMessageContaining("larger than the whole queue may hold (max_queue_bytes=1000)");
    }

    @Test
    void dropOldestDropsAsManyAsTheNewMessageNeedsBytesFor() {
        // given three small messages waiting in a queue of 1,000 bytes that drops the oldest
        OutboundQueue queue = new OutboundQueue(10, 1000, Runnable::run, message -> { });
        queue.setCapacity(1000, 1000, QueueOverflow.DROP_OLDEST);
        List<OutboundMessage> small = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            small.add(new OutboundMessage("t", new byte[299], 1, false));
        }
        small.forEach(queue::publish);

        // when a message of 599 bytes comes
        queue.publish(new OutboundMessage("t", new byte[599], 1, false));

        // then the two oldest made room for it
        assertThat(failureReason(small.get(0))).isEqualTo(Reason.QUEUE_FULL);
        assertThat(failureReason(small.get(1))).isEqualTo(Reason.QUEUE_FULL);
        assertThat(small.get(2).completion).isNotDone();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.droppedCount()).isEqualTo(2);
    }

    @Test
    void zeroCapacityQueuesNothing() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 0, Runnable::run, message -> { });
        OutboundMessage message = message("a", 2);

        // when
        queue.publish(message);

        // then
        assertThat(failureReason(message)).isEqualTo(Reason.QUEUE_FULL);
    }

    @Test
    void connectingSendsQueuedMessagesInOrder() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        publishAll(queue, 1, "a", "b", "c");
        FakeTransport transport = new FakeTransport();

        // when
        queue.connected(transport);

        // then
        assertThat(transport.topics()).containsExactly("a", "b", "c");
        assertThat(queue.size()).isEqualTo(3);
    }

    @Test
    void acknowledgementCompletesTheMessage() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        OutboundMessage message = publishAll(queue, 1, "a").get(0);

        // when
        queue.completed(message, transport.lastAttempt());

        // then
        assertThat(message.completion).isCompleted();
        assertThat(queue.size()).isZero();
    }

    @Test
    void publishWhileMessagesWaitQueuesBehindThem() {
        // given messages queued offline
        OutboundQueue queue = new OutboundQueue(1, 5, Runnable::run, message -> { });
        publishAll(queue, 1, "a", "b");
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);

        // when
        publishAll(queue, 1, "c");

        // then only the first is in flight, the others wait their turn
        assertThat(transport.topics()).containsExactly("a");
        assertThat(queue.size()).isEqualTo(3);
    }

    // --- failures

    @Test
    void failureOfAMessageAloneFailsItsFuture() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        OutboundMessage message = publishAll(queue, 1, "a").get(0);
        MqttServiceException error = new MqttServiceException(Reason.BROKER_REJECTED, "rejected");

        // when
        queue.failed(message, transport.lastAttempt(), error, false);

        // then
        assertThat(failure(message)).isSameAs(error);
        assertThat(queue.size()).isZero();
    }

    @Test
    void exceptionFromSendFailsThatMessageOnly() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        IllegalArgumentException tooLarge = new IllegalArgumentException("payload too large");
        transport.failure = tooLarge;
        OutboundMessage bad = publishAll(queue, 1, "bad").get(0);
        transport.failure = null;

        // when
        OutboundMessage good = publishAll(queue, 1, "good").get(0);

        // then
        assertThat(failure(bad)).isSameAs(tooLarge);
        assertThat(good.completion).isNotDone();
        assertThat(transport.topics()).containsExactly("good");
    }

    @Test
    void connectionLossLeavesTheMessageForDisconnected() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        OutboundMessage message = publishAll(queue, 1, "a").get(0);

        // when
        queue.failed(message, transport.lastAttempt(), new IllegalStateException("lost"), true);

        // then
        assertThat(message.completion).isNotDone();
        assertThat(queue.size()).isOne();
    }

    @Test
    void disconnectRequeuesUnacknowledgedAheadOfWaitingInOriginalOrder() {
        // given two messages in flight (window 2) and one waiting
        OutboundQueue queue = new OutboundQueue(2, 5, Runnable::run, message -> { });
        FakeTransport first = new FakeTransport();
        queue.connected(first);
        List<OutboundMessage> messages = publishAll(queue, 1, "a", "b", "c");
        assertThat(first.topics()).containsExactly("a", "b");
        queue.failed(messages.get(0), 1, new IllegalStateException("lost"), true);
        queue.failed(messages.get(1), 1, new IllegalStateException("lost"), true);

        // when
        queue.disconnected(true);
        publishAll(queue, 1, "d");
        FakeTransport second = new FakeTransport();
        queue.connected(second);
        queue.completed(messages.get(0), 2);
        queue.completed(messages.get(1), 2);

        // then
        assertThat(second.topics()).containsExactly("a", "b", "c", "d");
        assertThat(second.sends).extracting(FakeTransport.Send::attempt).containsExactly(2, 2, 1, 1);
        assertThat(messages.get(0).completion).isCompleted();
        assertThat(messages.get(1).completion).isCompleted();
    }

    @Test
    void closedTransportOnSendKeepsQos1MessageForTheNextConnection() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport dead = new FakeTransport();
        dead.closed = true;
        queue.connected(dead);
        OutboundMessage message = publishAll(queue, 1, "a").get(0);
        assertThat(message.completion).isNotDone();

        // when
        queue.disconnected(true);
        FakeTransport fresh = new FakeTransport();
        queue.connected(fresh);

        // then
        assertThat(fresh.topics()).containsExactly("a");
        assertThat(message.completion).isNotDone();
    }

    @Test
    void staleCallbacksOfAnEarlierAttemptAreIgnored() {
        // given a message sent, lost with its connection, and sent again
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport first = new FakeTransport();
        queue.connected(first);
        OutboundMessage message = publishAll(queue, 1, "a").get(0);
        queue.disconnected(true);
        FakeTransport second = new FakeTransport();
        queue.connected(second);
        assertThat(second.lastAttempt()).isEqualTo(2);

        // when the first attempt's callbacks arrive late
        queue.failed(message, 1, new IllegalStateException("old"), false);
        queue.completed(message, 1);

        // then
        assertThat(message.completion).isNotDone();
        assertThat(queue.size()).isOne();
        queue.completed(message, 2);
        assertThat(message.completion).isCompleted();
    }

    // --- window

    @Test
    void noMoreThanTheWindowIsInFlight() {
        // given
        OutboundQueue queue = new OutboundQueue(2, 10, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);

        // when
        List<OutboundMessage> messages = publishAll(queue, 1, "a", "b", "c", "d", "e");

        // then
        assertThat(transport.topics()).containsExactly("a", "b");
        queue.completed(messages.get(0), 1);
        assertThat(transport.topics()).containsExactly("a", "b", "c");
        queue.completed(messages.get(1), 1);
        queue.completed(messages.get(2), 1);
        assertThat(transport.topics()).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void failureFreesTheWindowForTheNextWaitingMessage() {
        // given a window of one, one message in flight and one waiting
        OutboundQueue queue = new OutboundQueue(1, 10, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        List<OutboundMessage> messages = publishAll(queue, 1, "a", "b");

        // when the first fails for itself alone
        queue.failed(messages.get(0), 1, new MqttServiceException(Reason.BROKER_REJECTED, "no"), false);

        // then the second goes out
        assertThat(transport.topics()).containsExactly("a", "b");
    }

    // --- close

    @Test
    void closeFailsEveryWaitingAndInFlightMessage() {
        // given
        OutboundQueue queue = new OutboundQueue(1, 10, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        List<OutboundMessage> messages = publishAll(queue, 2, "inflight", "waiting");
        MqttServiceException reason = new MqttServiceException(Reason.CLOSED, "closed");

        // when
        queue.close(reason);

        // then
        assertThat(messages).allSatisfy(message -> assertThat(failure(message)).isSameAs(reason));
        assertThat(queue.size()).isZero();
    }

    @Test
    void publishAfterCloseFailsClosed() {
        // given
        OutboundQueue queue = new OutboundQueue(1, 10, Runnable::run, message -> { });
        queue.close(new MqttServiceException(Reason.CLOSED, "closed"));

        // when
        List<OutboundMessage> messages = publishAll(queue, 0, "q0");
        messages.addAll(publishAll(queue, 1, "q1"));

        // then
        assertThat(messages).allSatisfy(message -> assertThat(failureReason(message)).isEqualTo(Reason.CLOSED));
    }

    @Test
    void lateAcknowledgementAfterCloseChangesNothing() {
        // given
        OutboundQueue queue = new OutboundQueue(1, 10, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        OutboundMessage message = publishAll(queue, 1, "a").get(0);
        queue.close(new MqttServiceException(Reason.CLOSED, "closed"));

        // when
        queue.completed(message, 1);

        // then
        assertThat(failureReason(message)).isEqualTo(Reason.CLOSED);
    }

    @Test
    void aMessageTheBrokerDropsTheConnectionForEveryTimeIsFailedSoTheQueueMovesOn() {
        // given a message that is the oldest unacknowledged one at every connection drop
        List<OutboundMessage> forgotten = new ArrayList<>();
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, forgotten::add);
        queue.connected(new FakeTransport());
        List<OutboundMessage> messages = publishAll(queue, 1, "too-big", "fine");

        // when the connection drops POISON_LIMIT times in a row with it in flight
        for (int i = 1; i < OutboundQueue.POISON_LIMIT; i++) {
            queue.disconnected(true);
            queue.connected(new FakeTransport());
            assertThat(messages.get(0).completion).as("after %d drops", i).isNotDone();
        }
        queue.disconnected(true);

        // then it fails, is forgotten, and the next message goes out first
        assertThat(failureReason(messages.get(0))).isEqualTo(Reason.BROKER_REJECTED);
        assertThat(failure(messages.get(0))).hasMessageContaining("each of the 10 times");
        assertThat(forgotten).containsExactly(messages.get(0));
        FakeTransport next = new FakeTransport();
        queue.connected(next);
        assertThat(next.topics()).containsExactly("fine");
    }

    @Test
    void anAcknowledgementOrAPlannedDisconnectDoesNotCountTowardsPoison() {
        // given
        OutboundQueue queue = new OutboundQueue(10, 5, Runnable::run, message -> { });
        FakeTransport transport = new FakeTransport();
        queue.connected(transport);
        List<OutboundMessage> messages = publishAll(queue, 1, "slow", "acked");

        // when the connection drops and is ended on purpose many times, with an acknowledgement midway
        for (int i = 0; i < OutboundQueue.POISON_LIMIT - 1; i++) {
            queue.disconnected(true);
            transport = new FakeTransport();
            queue.connected(transport);
        }
        queue.completed(messages.get(1), transport.lastAttempt());
        for (int i = 0; i < OutboundQueue.POISON_LIMIT * 2; i++) {
            queue.disconnected(i % 2 == 0);
            queue.connected(new FakeTransport());
            if (i % 2 == 1) {
                break;
            }
        }
        for (int i = 0; i < OutboundQueue.POISON_LIMIT * 2; i++) {
            queue.disconnected(false);
            queue.connected(new FakeTransport());
        }

        // then the oldest message is still waiting for its acknowledgement
        assertThat(messages.get(0).completion).isNotDone();
    }
}
