package dev.tether.mqtt.internal.metrics;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionMetrics.Event;

/**
 * The last {@value ConnectionMetrics#EVENTS_KEPT} events of a connection. An event that repeats the one before it
 * (the same failed attempt while a broker is down) is counted on it, so an outage does not push everything else
 * out. Thread safe.
 */
final class EventLog {

    private final Clock clock;
    private final Deque<Event> events = new ArrayDeque<>();

    EventLog(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(String type, String detail) {
        Event last = events.peekLast();
        if (last != null && last.type().equals(type) && last.detail().equals(detail)) {
            events.pollLast();
            events.addLast(new Event(clock.instant(), type, detail, last.count() + 1));
            return;
        }
        if (events.size() == ConnectionMetrics.EVENTS_KEPT) {
            events.pollFirst();
        }
        events.addLast(new Event(clock.instant(), type, detail, 1));
    }

    /** @return the events, oldest first */
    synchronized List<Event> events() {
        return new ArrayList<>(events);
    }
}
