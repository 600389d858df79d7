package dev.tether.mqtt.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionMetrics.Event;

class EventLogTest {

    private final EventLog log = new EventLog(Clock.systemUTC());

    @Test
    void anEventRepeatedInARowIsCountedOnce() {
        // given a broker that is down: the same failed attempt again and again
        log.add("CONNECTED", "tcp://a:1883");
        for (int i = 0; i < 500; i++) {
            log.add("ATTEMPT_FAILED", "connection refused");
        }

        // then the connect before it stays, and the failures are one entry counting 500
        List<Event> events = log.events();
        assertThat(events).extracting(Event::type).containsExactly("CONNECTED", "ATTEMPT_FAILED");
        assertThat(events.get(1).count()).isEqualTo(500);
    }

    @Test
    void onlyTheLastHundredAreKept() {
        for (int i = 0; i < 150; i++) {
            log.add("CONNECTION_LOST", "loss " + i);
        }

        assertThat(log.events()).hasSize(ConnectionMetrics.EVENTS_KEPT).first()
            .extracting(Event::detail).isEqualTo("loss 50");
    }
}
