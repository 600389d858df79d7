package dev.tether.mqtt.itests.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.tether.mqtt.testing.Ports;

/**
 * Runs brokers in the driver JVM for tests that run inside the framework, which must stop and
 * restart them. A loopback HTTP control port takes plain commands:
 * <ul>
 * <li>{@code GET /available?kind=moquette|mosquitto} → {@code true}/{@code false}</li>
 * <li>{@code GET /create?kind=...} → {@code id port} of a started broker on a free port</li>
 * <li>{@code GET /stop?id=}, {@code /start?id=} → {@code ok} (same port)</li>
 * <li>{@code GET /clients?id=} → connected client ids, one per line</li>
 * <li>{@code GET /destroy?id=} → stops and forgets it</li>
 * </ul>
 * Every broker left over is stopped when the JVM exits.
 */
public final class BrokerHost {

    /** System property carrying the control port into the framework. */
    public static final String CONTROL_PORT_PROPERTY = "tether.itest.control.port";

    private static HttpServer server;
    private static final Map<Integer, Broker> BROKERS = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private BrokerHost() {
    }

    /** Starts the control port once per JVM. @return its port */
    public static synchronized int controlPort() throws IOException {
        if (server == null) {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", BrokerHost::handle);
            http.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "itest-broker-control");
                thread.setDaemon(true);
                return thread;
            }));
            http.start();
            Runtime.getRuntime().addShutdownHook(new Thread(BrokerHost::stopAll, "itest-broker-shutdown"));
            server = http;
        }
        return server.getAddress().getPort();
    }

    private static void stopAll() {
        BROKERS.values().forEach(Broker::close);
        BROKERS.clear();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        String body;
        try {
            body = execute(exchange.getRequestURI());
        } catch (IllegalArgumentException e) {
            status = 400;
            body = e.toString();
        } catch (Exception e) {
            status = 500;
            body = e.toString();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String execute(URI uri) throws IOException {
        Map<String, String> query = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        switch (uri.getPath()) {
            case "/available":
                return Boolean.toString(available(query.get("kind")));
            case "/create":
                return create(query.get("kind"));
            case "/stop":
                broker(query).stop();
                return "ok";
            case "/start":
                broker(query).start();
                return "ok";
            case "/clients":
                return String.join("\n", broker(query).connectedClients());
            case "/destroy":
                Broker removed = BROKERS.remove(Integer.parseInt(query.get("id")));
                if (removed != null) {
                    removed.close();
                }
                return "ok";
            default:
                throw new IllegalArgumentException("unknown command " + uri.getPath());
        }
    }

    /** @return whether brokers of a kind ({@code moquette}, {@code mosquitto}) can be started here */
    public static boolean available(String kind) {
        switch (String.valueOf(kind)) {
            case "moquette":
                return true;
            case "mosquitto":
                return MosquittoBroker.available();
            default:
                throw new IllegalArgumentException("unknown broker kind " + kind);
        }
    }

    private static String create(String kind) throws IOException {
        if (!available(kind)) {
            throw new IllegalArgumentException(kind + " is not available here");
        }
        Broker broker = "moquette".equals(kind)
            ? new MoquetteBroker()
            : new MosquittoBroker(Ports.free(),
                Path.of(System.getProperty("tether.work", System.getProperty("java.io.tmpdir"))));
        broker.start();
        int id = IDS.incrementAndGet();
        BROKERS.put(id, broker);
        return id + " " + broker.port();
    }

    private static Broker broker(Map<String, String> query) {
        Broker broker = BROKERS.get(Integer.parseInt(String.valueOf(query.get("id"))));
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + query.get("id"));
        }
        return broker;
    }
}
