package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: the minimum, doubling on each failure up to the maximum, each stretched by up
 * to a tenth at random (never beyond the maximum) so that a fleet of gateways does not reconnect in
 * lock step. A tenth, not more: after a broker restart the first attempt should come soon after the
 * minimum (2.0 to 2.2 s by default), and a fleet is still spread over a fifth of a second.
 * Not thread safe: used on the connection's own thread.
 */
final class Backoff {

    private static final double JITTER = 0.1;

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private long nextBaseMillis;

    /**
     * @param random values in [0, 1)
     */
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
        this.nextBaseMillis = minMillis;
    }

    /** @return the delay before the next attempt */
    Duration next() {
        long base = nextBaseMillis;
        nextBaseMillis = Math.min(maxMillis, base * 2);
        long jittered = base + (long) (base * JITTER * random.getAsDouble());
        return Duration.ofMillis(Math.min(maxMillis, jittered));
    }

    /**
     * @return the maximum delay, for failures that retrying sooner cannot fix (rejected credentials);
     *         the delays after it stay at the maximum until a connect succeeds
     */
    Duration longest() {
        nextBaseMillis = maxMillis;
        return Duration.ofMillis(maxMillis);
    }

    /** After a successful connect the next failure starts again at the minimum. */
    void reset() {
        nextBaseMillis = minMillis;
    }
}
