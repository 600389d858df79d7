package dev.tether.mqtt.internal.connection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.tether.mqtt.internal.config.SettingsParser;

/**
 * A child process for the crash test: queues messages for a broker that is down, says so on stdout,
 * and waits to be killed. Arguments: data area, broker address, number of messages.
 */
public final class QueueingPublisher {

    static final String QUEUED = "QUEUED ";

    private QueueingPublisher() {
    }

    public static void main(String[] args) throws Exception {
        Path dataArea = Path.of(args[0]);
        String server = args[1];
        int count = Integer.parseInt(args[2]);
        ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), dataArea);
        connection.apply(new SettingsParser("crash-test", "host").parseDefault(Map.of("enable", true,
            "server", server, "reconnect_timeout_min", 60, "reconnect_timeout_max", 60)));
        for (int i = 0; i < count; i++) {
            // each call returns once the message is in the queue file
            connection.publish("durable/crash", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        System.out.println(QUEUED + count);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
