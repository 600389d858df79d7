package dev.tether.mqtt.internal.jmx;

import java.util.Map;

/**
 * One connection as JMX shows it ({@code dev.tether.mqtt:type=Connection,name=<name>}): its state and the figures of
 * {@code ConnectionMetrics}, each read afresh, and a reconnect operation. Latencies are in milliseconds, -1 while
 * nothing was acknowledged in the last minute.
 */
public interface ConnectionMXBean {

    String getState();

    String getServer();

    String getClientId();

    /** @return "5", "3.1.1", or "" while not connected */
    String getProtocol();

    String getLastError();

    long getMessagesInQos0();

    long getMessagesInQos1();

    long getMessagesInQos2();

    long getMessagesOutQos0();

    long getMessagesOutQos1();

    long getMessagesOutQos2();

    long getBytesIn();

    long getBytesOut();

    long getConnects();

    long getConnectionLosses();

    Map<String, Long> getFailedAttempts();

    int getQueuedMessages();

    long getQueuedBytes();

    int getInFlightMessages();

    long getDroppedMessages();

    long getListenerOverflows();

    double getPublishLatencyP50Millis();

    double getPublishLatencyP99Millis();

    double getPublishLatencyMaxMillis();

    /** Ends the session and connects again at once, as {@code MqttService.reconnect()}. */
    void reconnect();
}
