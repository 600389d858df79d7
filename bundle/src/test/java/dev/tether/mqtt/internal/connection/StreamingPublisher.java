package dev.tether.mqtt.internal.connection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.internal.config.SettingsParser;

/**
 * A child process for the kill test: connects, then publishes QoS 1 messages numbered from a given number on, as
 * fast as one thread can, until it is killed. It says {@value #CONNECTED} once connected and
 * {@code ACCEPTED <n>} after each message publish accepted. Arguments: data area, broker address, first number.
 */
public final class StreamingPublisher {

    static final String TOPIC = "stream/kill";
    static final String CONNECTED = "CONNECTED";
    static final String ACCEPTED = "ACCEPTED ";

    private StreamingPublisher() {
    }

    public static void main(String[] args) throws Exception {
        Path dataArea = Path.of(args[0]);
        String server = args[1];
        long first = Long.parseLong(args[2]);
        ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), dataArea);
        CountDownLatch connected = new CountDownLatch(1);
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(ConnectionStatus status) {
                connected.countDown();
            }
        });
        // opens the queue file and queues what earlier (killed) runs left in it, to be sent first
        connection.apply(new SettingsParser("crash-test", "host").parseDefault(Map.of("enable", true,
            "server", server, "reconnect_timeout_min", 1, "reconnect_timeout_max", 1)));
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not connected to " + server + ": " + connection.status());
        }
        System.out.println(CONNECTED);
        System.out.flush();
        for (long n = first; ; n++) {
            while (!publish(connection, n)) {
                // the queue is full (max_queue_length): the same number again once the broker caught up a little
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            // only now, after publish returned with a stage that has not failed, is the message accepted; a kill
            // before this line is printed leaves an accepted message the parent does not know of, which it allows
            System.out.println(ACCEPTED + n);
            System.out.flush();
        }
    }

    /** @return whether the message was accepted; false if the queue is full, and it may be published again */
    private static boolean publish(ManagedConnection connection, long n) {
        CompletableFuture<Void> stage = connection.publish(TOPIC, Long.toString(n).getBytes(StandardCharsets.UTF_8),
            1, false).toCompletableFuture();
        // a rejection fails the stage before publish returns; a failure other than a full queue ends the child
        // (the parent shows its output)
        if (!stage.isCompletedExceptionally()) {
            return true;
        }
        try {
            stage.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MqttServiceException rejected
                    && rejected.reason() == MqttServiceException.Reason.QUEUE_FULL) {
                return false;
            }
            throw e;
        }
        return true;
    }
}
