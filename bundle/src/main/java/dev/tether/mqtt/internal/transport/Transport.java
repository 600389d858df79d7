package dev.tether.mqtt.internal.transport;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One open network connection to a broker, whatever carries it: TCP, TLS, TLS-PSK or a WebSocket. The MQTT
 * engine reads packets from {@link #input()} on one thread and writes them to {@link #output()} from one thread at
 * a time.
 */
public interface Transport {

    /** @return the bytes from the broker; blocking reads, end of stream when the connection is closed */
    InputStream input();

    /** @return the bytes to the broker; {@code flush()} pushes what was written onto the network */
    OutputStream output();

    /** Closes the connection at once, unblocking a read or write in progress. Idempotent; never throws. */
    void close();
}
