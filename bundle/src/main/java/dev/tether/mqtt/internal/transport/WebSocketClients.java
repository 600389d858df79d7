package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The JDK HttpClients that WebSocket connections share: one per distinct TLS configuration ({@link WebSocketTls#key()},
 * plus one for plain WebSocket and the runtime's default TLS), all on the caller's executor.
 *
 * <p>Why share: every JDK HttpClient starts a thread of its own, {@code HttpClient-<n>-SelectorManager}, which Java
 * 17 cannot stop (there is no {@code HttpClient.close()} before Java 21); it ends only after the client is no longer
 * referenced, has no open WebSocket, and its selector wakes up (at least every 3 s), which in practice means after a
 * garbage collection. A client per connection would leave one such thread behind per connection attempt. Without an
 * executor a client also starts a cached pool of {@code HttpClient-<n>-Worker-<m>} threads; the caller's executor
 * replaces it.
 *
 * <p>At most {@value #MAX_CLIENTS} clients are kept, the least recently used dropped first (rotated TLS files make new
 * ones); a dropped client keeps serving its open connections and ends after them. Thread safe.
 */
public final class WebSocketClients implements AutoCloseable {

    static final int MAX_CLIENTS = 8;

    private static final Object PLAIN = new Object();

    private final Executor executor;
    private final Map<Object, HttpClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, HttpClient> eldest) {
            return size() > MAX_CLIENTS;
        }
    };
    private boolean closed;

    /**
     * @param executor runs the JDK's work for every connection: DNS lookup and TCP connect, TLS handshake tasks, the
     *                 listener calls that queue received bytes; tasks are short and never block. An elastic pool
     *                 shared across connections, which must accept every task until {@link #close()}: when it
     *                 rejects one, the JDK aborts the whole HttpClient, and every connection on it fails ("selector
     *                 manager closed"). Not a caller-runs executor either, which would run them on the selector
     *                 thread.
     */
    public WebSocketClients(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * @param tls the TLS of a {@code wss} connection; empty for {@code ws}, or for {@code wss} with the runtime's
     *            default trust store and suites
     * @return the shared client for it, built at first use
     * @throws IOException when closed
     */
    synchronized HttpClient client(Optional<WebSocketTls> tls) throws IOException {
        if (closed) {
            throw new IOException("the WebSocket clients are closed (the service is stopping)");
        }
        Object key = tls.map(WebSocketTls::key).orElse(PLAIN);
        HttpClient client = clients.get(key);
        if (client == null) {
            client = build(tls);
            clients.put(key, client);
        }
        return client;
    }

    /** @return how many clients are kept */
    synchronized int size() {
        return clients.size();
    }

    /**
     * Drops every client; close the connections first. On Java 21 and later each client is shut down at once
     * ({@code HttpClient.shutdownNow()}), and its selector thread ends; on Java 17 each ends once the client has been
     * garbage collected. Idempotent; later connection attempts fail.
     */
    @Override
    public void close() {
        List<HttpClient> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(clients.values());
            clients.clear();
        }
        dropped.forEach(WebSocketClients::shutdownNow);
    }

    private HttpClient build(Optional<WebSocketTls> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            // MQTT goes straight to the broker whatever the JVM's HTTP proxy settings say
            .proxy(HttpClient.Builder.NO_PROXY);
        tls.ifPresent(secure -> builder.sslContext(secure.context()).sslParameters(secure.parameters()));
        return builder.build();
    }

    private static void shutdownNow(HttpClient client) {
        Method shutdownNow;
        try {
            shutdownNow = HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException e) {
            return; // Java 17: garbage collection ends the client's thread
        }
        try {
            shutdownNow.invoke(client);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            // nothing more can be done; the thread ends after garbage collection
        }
    }
}
