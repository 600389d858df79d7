package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.net.Socket;

/**
 * Turns Nagle's algorithm off. The engine writes whole batches of packets at once, so there is nothing for Nagle to
 * merge; it would only hold a small packet back until the previous one is acknowledged, which against a peer that
 * delays its ACKs costs tens of milliseconds per message.
 */
final class NoDelay {

    private NoDelay() {
    }

    static Socket on(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
