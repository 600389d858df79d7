package dev.tether.mqtt.shell.internal;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;

/**
 * Hands messages from Tether's delivery threads to the command's thread, which alone may print:
 * Gogo redirects {@code System.out} per thread, so a line printed on Tether's thread would land on
 * the gateway's console, not in the session. Never blocks Tether: when the shell falls behind, new
 * messages are dropped and counted.
 */
final class MessageQueue implements MqttMessageListener {

    private final BlockingQueue<MqttMessage> messages;
    private final AtomicLong dropped = new AtomicLong();

    /** @param capacity messages held before new ones are dropped */
    MessageQueue(int capacity) {
        messages = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public void messageArrived(MqttMessage message) {
        if (!messages.offer(message)) {
            dropped.incrementAndGet();
        }
    }

    /** @return the next message, or null when none came within the wait */
    MqttMessage next(Duration wait) throws InterruptedException {
        return messages.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the next message already waiting, or null */
    MqttMessage nextWaiting() {
        return messages.poll();
    }

    /** @return messages dropped because the queue was full */
    long dropped() {
        return dropped.get();
    }
}
