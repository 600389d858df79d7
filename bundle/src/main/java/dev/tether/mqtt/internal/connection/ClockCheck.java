package dev.tether.mqtt.internal.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells whether the system clock is obviously unset (earlier than this bundle's build), as on a
 * gateway without a real-time clock that has not reached its time server yet. TLS needs the time to
 * check certificates, so {@code require_time} waits for it.
 *
 * @param clock   the clock to check (tests replace it)
 * @param builtAt the earliest plausible time
 */
public record ClockCheck(Clock clock, Instant builtAt) {

    /** @return a check of the system clock */
    public static ClockCheck system(Instant builtAt) {
        return new ClockCheck(Clock.systemUTC(), builtAt);
    }

    /** @return why the clock cannot be right, or empty when it may be */
    Optional<String> unsetReason() {
        Instant now = clock.instant();
        if (now.isBefore(builtAt)) {
            return Optional.of("waiting for the system clock to be set (require_time): it reads " + now
                + ", before this bundle was built (" + builtAt + ")");
        }
        return Optional.empty();
    }
}
