package dev.tether.mqtt.itests.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Loopback port helpers for the driver side. */
final class Ports {

    private Ports() {
    }

    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitOpen(int port) {
        await("port " + port + " open").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> accepts(port));
    }

    static void awaitClosed(int port) {
        await("port " + port + " closed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> !accepts(port));
    }
}
