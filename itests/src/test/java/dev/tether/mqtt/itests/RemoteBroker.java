package dev.tether.mqtt.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test's handle on a broker that runs in the driver JVM (see
 * {@code dev.tether.mqtt.itests.broker.BrokerHost}); plain JDK types only, so it works in the probe.
 */
public final class RemoteBroker implements AutoCloseable {

    private final int controlPort;
    private final String kind;
    private final int id;
    private final int port;

    private RemoteBroker(int controlPort, String kind, int id, int port) {
        this.controlPort = controlPort;
        this.kind = kind;
        this.id = id;
        this.port = port;
    }

    static boolean available(int controlPort, String kind) {
        return Boolean.parseBoolean(call(controlPort, "/available?kind=" + kind));
    }

    static RemoteBroker create(int controlPort, String kind) {
        String[] idPort = call(controlPort, "/create?kind=" + kind).trim().split(" ");
        return new RemoteBroker(controlPort, kind, Integer.parseInt(idPort[0]), Integer.parseInt(idPort[1]));
    }

    /** @return the broker's kind, {@code moquette} or {@code mosquitto} */
    public String kind() {
        return kind;
    }

    /** @return the loopback port, the same across restarts */
    public int port() {
        return port;
    }

    /** @return {@code 127.0.0.1:port}, the form of Tether's {@code server} property */
    public String server() {
        return "127.0.0.1:" + port;
    }

    /** @return {@code tcp://127.0.0.1:port} */
    public String uri() {
        return "tcp://" + server();
    }

    /** Stops the broker; returns once its port is closed. */
    public void stop() {
        call(controlPort, "/stop?id=" + id);
    }

    /** Starts the broker again on the same port; returns once it accepts connections. */
    public void start() {
        call(controlPort, "/start?id=" + id);
    }

    /** @return client ids connected to the broker now */
    public Set<String> connectedClients() {
        String body = call(controlPort, "/clients?id=" + id);
        return Arrays.stream(body.split("\n")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        call(controlPort, "/destroy?id=" + id);
    }

    @Override
    public String toString() {
        return kind + "@" + port;
    }

    private static String call(int controlPort, String pathAndQuery) {
        try {
            HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + controlPort + pathAndQuery)
                .openConnection();
            http.setConnectTimeout(5_000);
            http.setReadTimeout(60_000);
            int status = http.getResponseCode();
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status != 200) {
                    throw new IllegalStateException("broker control " + pathAndQuery + ": " + status + " " + body);
                }
                return body;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("broker control " + pathAndQuery, e);
        }
    }
}
