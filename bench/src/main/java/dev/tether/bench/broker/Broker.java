package dev.tether.bench.broker;

import java.io.IOException;
import java.time.Duration;

/**
 * The broker every client of the benchmark talks to, on the loopback interface, with a second listener for the
 * "configuration change to a new server" figure. It can be stopped and started again on the same ports.
 */
public interface Broker extends AutoCloseable {

    /** @return the address the broker listens on */
    String host();

    /** @return the main MQTT port */
    int port();

    /** @return a second MQTT port of the same broker (or a second broker), for moving a client to a new server */
    int secondPort();

    /** @return what runs, for the report, e.g. "Mosquitto 2.0.11 (process)" */
    String description();

    /** Stops the broker; returns once its ports refuse connections. */
    void stop() throws IOException;

    /**
     * Starts the broker again on the same ports.
     *
     * @return {@link System#nanoTime()} of the first moment its main port accepted a TCP connection
     */
    long start() throws IOException;

    /** @return a position in the broker's log; what happens later is found by {@link #awaitLogged} */
    long logMark();

    /**
     * Waits until a client with this id is connected and, when {@code topic} is not null, subscribed to it, as
     * seen by the broker after {@code mark}. A broker without such a log just waits long enough.
     *
     * @return false if the broker did not log it within the timeout
     */
    boolean awaitLogged(long mark, String clientId, String topic, Duration timeout) throws IOException;

    @Override
    void close();
}
