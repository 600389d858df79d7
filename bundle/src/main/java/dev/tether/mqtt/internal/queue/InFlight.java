package dev.tether.mqtt.internal.queue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The QoS 1/2 messages sent and not yet acknowledged, oldest first, with a separate, smaller allowance for QoS 2.
 * Mosquitto 2.0 keeps at most {@code max_inflight_messages} (20 by default) QoS 2 messages of a client awaiting
 * their PUBREL, and drops a client that sends more; QoS 1 messages are acknowledged at once and are not limited so.
 * Guarded by the {@link OutboundQueue}'s lock.
 */
final class InFlight implements Iterable<OutboundMessage> {

    /** QoS 2 messages in flight at most: what a broker with default settings accepts. */
    public static final int EXACTLY_ONCE_WINDOW = 20;

    private final int window;
    /** What the broker takes at once (MQTT 5 Receive Maximum), at most {@link #window}. */
    private int brokerWindow;
    private final Set<OutboundMessage> messages = new LinkedHashSet<>();
    private int exactlyOnce;

    /** @param window QoS 1/2 messages in flight at most */
    InFlight(int window) {
        this.window = window;
        this.brokerWindow = window;
    }

    /**
     * @param receiveMaximum how many QoS 1/2 messages the broker of the current session takes unacknowledged at
     *                       once (MQTT 5 Receive Maximum; 65,535 on MQTT 3.1.1) [MQTT-4.9.0-2]
     */
    void limitTo(int receiveMaximum) {
        brokerWindow = Math.min(window, receiveMaximum);
    }

    /** @return whether {@code next} may be sent now without exceeding either window */
    boolean hasRoomFor(OutboundMessage next) {
        return messages.size() < brokerWindow
            && (next.qos < 2 || exactlyOnce < Math.min(EXACTLY_ONCE_WINDOW, brokerWindow));
    }

    void add(OutboundMessage message) {
        if (messages.add(message) && message.qos == 2) {
            exactlyOnce++;
        }
    }

    boolean remove(OutboundMessage message) {
        boolean removed = messages.remove(message);
        if (removed && message.qos == 2) {
            exactlyOnce--;
        }
        return removed;
    }

    /** @return every message, oldest first, now no longer in flight, in a list the caller may change */
    List<OutboundMessage> clear() {
        List<OutboundMessage> all = new ArrayList<>(messages);
        messages.clear();
        exactlyOnce = 0;
        return all;
    }

    List<OutboundMessage> snapshot() {
        return List.copyOf(messages);
    }

    int size() {
        return messages.size();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    @Override
    public Iterator<OutboundMessage> iterator() {
        return messages.iterator();
    }
}
