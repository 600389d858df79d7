package dev.tether.example;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import dev.tether.mqtt.ConnectionStatus;

/** One health report: how long the JVM has run, its heap, and the MQTT connection's state and counters. */
record Health(long uptimeSeconds, long heapUsedBytes, long heapMaxBytes, ConnectionStatus connection) {

    static Health now(ConnectionStatus connection) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Health(ManagementFactory.getRuntimeMXBean().getUptime() / 1000, heap.getUsed(), heap.getMax(),
            connection);
    }

    /** @return a flat JSON object; every value is a number or an enum name, so nothing needs escaping */
    String toJson() {
        return "{\"uptime_s\":" + uptimeSeconds
            + ",\"heap_used_bytes\":" + heapUsedBytes
            + ",\"heap_max_bytes\":" + heapMaxBytes
            + ",\"state\":\"" + connection.state() + "\""
            + ",\"queued\":" + connection.queuedMessages()
            + ",\"sent\":" + connection.messagesSent()
            + ",\"received\":" + connection.messagesReceived() + "}";
    }
}
