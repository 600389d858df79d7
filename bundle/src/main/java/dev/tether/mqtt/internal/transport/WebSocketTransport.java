package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * MQTT over WebSocket ({@code ws://}) and secure WebSocket ({@code wss://}), on the JDK's {@link WebSocket} client
 * (MQTT 3.1.1, chapter 6): binary messages, subprotocol {@code mqtt}.
 *
 * <p>Threads: none of its own. The JDK client works on the selector thread of the shared HttpClient and on the
 * executor of {@link WebSocketClients}; the engine's reader blocks in {@link #input()}, its writer in
 * {@link #output()}.
 *
 * <pre>{@code
 * WebSocketClients clients = new WebSocketClients(sharedPool); // one per service, closed when it stops
 * Optional<WebSocketTls> tls = address.scheme().secure()
 *     ? Optional.of(WebSocketTls.of(caFile, clientCert, clientKey, keyPassword, cipherSuites, clock))
 *     : Optional.empty();
 * Transport transport = WebSocketTransport.open(URI.create(address.uri()), tls, connectTimeout, clients);
 * }</pre>
 */
public final class WebSocketTransport implements Transport {

    /** The WebSocket subprotocol of MQTT 3.1.1 and 5 [MQTT-6.0.0-3], [MQTT-6.0.0-4]. */
    static final String SUBPROTOCOL = "mqtt";

    /** How long {@link #close()} gives the JDK to hand a close frame to an idle socket before it aborts. */
    static final long CLOSE_WAIT_MILLIS = 250;

    private final WebSocket webSocket;
    private final WebSocketInput input;
    private final WebSocketOutput output;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    private WebSocketTransport(WebSocket webSocket, WebSocketInput input) {
        this.webSocket = webSocket;
        this.input = input;
        this.output = new WebSocketOutput(webSocket, closed);
    }

    /**
     * Opens a WebSocket to the broker and agrees on the subprotocol {@code mqtt}, all within the timeout: TCP, the
     * TLS handshake and the HTTP upgrade.
     *
     * @param uri     {@code ws://host:port/path} or {@code wss://host:port/path}
     * @param tls     for {@code wss}: the trust, identity and suites; empty for the runtime's defaults. Ignored for
     *                {@code ws}. The server's certificate must match the URI's host as HTTPS checks it.
     * @param timeout the most the whole opening may take
     * @param clients the shared JDK clients (one per TLS configuration) and their executor
     * @return the open transport
     * @throws java.net.UnknownHostException  if the host name does not resolve
     * @throws java.net.ConnectException       if nothing accepts connections on the port
     * @throws java.net.SocketTimeoutException if it is not open within the timeout
     * @throws IOException                     for any other failure, with a message naming what went wrong (an HTTP
     *                                         status other than 101 and the path, a broker without the {@code mqtt}
     *                                         subprotocol) and the JDK's exception as cause: TLS failures keep their
     *                                         chain for {@link ConnectFailures#describe}
     * @throws IllegalArgumentException        if the URI is not {@code ws} or {@code wss} with a host, or the
     *                                         timeout is not positive
     */
    public static WebSocketTransport open(URI uri, Optional<WebSocketTls> tls, Duration timeout,
            WebSocketClients clients) throws IOException {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if ((!scheme.equals("ws") && !scheme.equals("wss")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a ws:// or wss:// URI with a host: " + uri);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the connect timeout must be positive: " + timeout);
        }
        Optional<WebSocketTls> secure = scheme.equals("wss") ? tls : Optional.empty();
        WebSocketInput input = new WebSocketInput();
        CompletableFuture<WebSocket> opening = clients.client(secure).newWebSocketBuilder()
            .subprotocols(SUBPROTOCOL)
            .connectTimeout(timeout)
            .buildAsync(uri, input);
        WebSocket webSocket = await(opening, uri, timeout);
        if (!SUBPROTOCOL.equals(webSocket.getSubprotocol())) {
            webSocket.abort();
            throw new IOException(OpeningFailures.noMqttSubprotocol(uri));
        }
        return new WebSocketTransport(webSocket, input);
    }

    private static WebSocket await(CompletableFuture<WebSocket> opening, URI uri, Duration timeout)
            throws IOException {
        try {
            return opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the JDK gives up at the same time (the request timeout); should it open all the same, close it
            abandon(opening);
            throw OpeningFailures.timedOut(uri, timeout, null);
        } catch (ExecutionException e) {
            throw OpeningFailures.describe(e.getCause(), uri, timeout);
        } catch (InterruptedException e) {
            abandon(opening);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening " + uri);
        }
    }

    private static void abandon(CompletableFuture<WebSocket> opening) {
        opening.whenComplete((late, error) -> {
            if (late != null) {
                late.abort();
            }
        });
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /**
     * Ends the input stream (a blocked read returns -1) and fails a write waiting for its send, at once. Then, unless
     * a send is stuck, sends a WebSocket close (1000), waiting at most {@value #CLOSE_WAIT_MILLIS} ms for the JDK to
     * hand it to the socket, and aborts the connection, which closes the socket.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed.complete(null);
        input.close();
        if (!output.sending()) {
            sendCloseBriefly();
        }
        webSocket.abort();
    }

    private void sendCloseBriefly() {
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the output was closed already, or the socket is slow: the abort is what counts
        }
    }
}
