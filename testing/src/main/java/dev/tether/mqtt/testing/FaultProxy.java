package dev.tether.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A TCP proxy on 127.0.0.1 that a test puts between an MQTT client and a broker to make the network misbehave: drop
 * every connection, swallow every byte, refuse new connections, add latency, or cut a connection after a number of
 * bytes (in the middle of an MQTT packet, say). Every fault can be switched while connections are open; all controls
 * are thread-safe and take effect at once.
 *
 * <pre>{@code
 * try (EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().start();
 *      FaultProxy proxy = FaultProxy.start(broker.plainPort())) {
 *     client.connect("tcp://127.0.0.1:" + proxy.port());
 *     proxy.dropConnections();      // the client sees a reset; it may reconnect at once
 *     proxy.blackhole(true);        // the connection stays up, but nothing gets through either way
 * }
 * }</pre>
 *
 * <p>How the faults look to the peers:
 * <ul>
 * <li>{@link #dropConnections()} and {@link #refuse(boolean)} <em>reset</em> connections: the proxy closes its
 *     sockets with {@code SO_LINGER} 0, so each peer gets a TCP RST at once. A read then fails with "Connection
 *     reset" (or, if the peer's kernel had already seen the end of the data, returns -1); no peer ever mistakes the
 *     fault for an orderly close of the other end, and no socket lingers in TIME_WAIT.</li>
 * <li>{@link #cutAfterBytes(long)} closes <em>in order</em> (FIN): the broker is sure to receive the bytes let
 *     through before it sees the end of the stream.</li>
 * <li>{@link #blackhole(boolean)} keeps both sockets of a connection open and discards everything: data, and also a
 *     FIN or RST from either peer. Unlike a real black hole the proxy's own kernel still acknowledges what it
 *     receives (the proxy keeps reading, and discards), so a sender's writes never block and its buffers never fill;
 *     the fault shows only as silence, which a peer notices only through its own timeouts, such as MQTT keep-alive.
 *     That is what a NAT that forgot the flow looks like from an application.</li>
 * <li>An end of stream or a reset from one peer is passed on to the other, as a FIN or an RST, unless the connection
 *     is blackholed. If the target does not accept the proxy's connection, the client is reset.</li>
 * </ul>
 *
 * <p>Threads: one accept thread {@code fault-proxy-<port>-accept}, and two pump threads per connection,
 * {@code fault-proxy-<port>-<n>-to-broker} and {@code fault-proxy-<port>-<n>-to-client}, all daemons. Each pump reads
 * chunks of up to 16 KiB and writes each chunk on at once (or after {@link #delay(Duration)}); {@code TCP_NODELAY} is
 * set on every socket. {@link #close()} ends them all before it returns. Everything is bound to 127.0.0.1 only.
 */
public final class FaultProxy implements AutoCloseable {

    /** The size of each pump's buffer: the largest chunk forwarded at once. */
    static final int BUFFER_SIZE = 16 * 1024;

    private static final int BACKLOG = 50;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final long NOT_ARMED = -1;

    private final int targetPort;
    private final ServerSocket server;
    private final int port;
    private final String threadPrefix;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    /** Bytes the client-to-broker pumps may still forward before the cut, or {@link #NOT_ARMED}. */
    private final AtomicLong cutBudget = new AtomicLong(NOT_ARMED);
    private final Thread acceptor;
    private volatile boolean blackhole;
    private volatile boolean refuse;
    private volatile long delayNanos;
    private volatile boolean closed;

    private FaultProxy(int targetPort, ServerSocket server) {
        this.targetPort = targetPort;
        this.server = server;
        this.port = server.getLocalPort();
        this.threadPrefix = "fault-proxy-" + port + "-";
        this.acceptor = newThread(this::acceptLoop, "accept");
    }

    /**
     * Opens a proxy on a free port of 127.0.0.1 that forwards each connection it accepts to 127.0.0.1:{@code
     * targetPort}. Nothing is connected to the target before a client connects, so the target need not run yet.
     *
     * @param targetPort the port of the broker (or any TCP server) on 127.0.0.1
     * @return the running proxy, with no fault switched on; close it
     * @throws IOException if no port can be bound
     */
    public static FaultProxy start(int targetPort) throws IOException {
        if (targetPort < 1 || targetPort > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + targetPort);
        }
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(Ports.LOOPBACK, 0), BACKLOG);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        FaultProxy proxy = new FaultProxy(targetPort, server);
        proxy.startThread(proxy.acceptor);
        return proxy;
    }

    /** @return the port on 127.0.0.1 that clients connect to */
    public int port() {
        return port;
    }

    /** @return the port on 127.0.0.1 that the proxy forwards to */
    public int targetPort() {
        return targetPort;
    }

    /**
     * @return how many client connections the proxy holds open now, blackholed ones included; a connection counts
     *         from the moment it is accepted (and connected to the target) until both its sockets are closed
     */
    public int openConnections() {
        return connections.size();
    }

    /**
     * @return how many client connections the proxy accepted since it started, including those it refused or reset
     *         at once and those it blackholed
     */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /**
     * Resets every connection open now, both sides, with an RST ({@code SO_LINGER} 0): each peer's next read fails
     * (or returns -1) at once. Connections accepted afterwards are forwarded as usual, subject to the other faults.
     */
    public void dropConnections() {
        for (Connection connection : connections) {
            connection.reset();
        }
    }

    /**
     * Switches the black hole on or off.
     *
     * <p>On: every connection open now, and every connection accepted while it is on, keeps its sockets open but
     * forwards nothing, in either direction; the pumps go on reading and discard what they read (see the class
     * comment for how that differs from a real black hole). A FIN or RST from either peer is swallowed as well. A
     * connection accepted while the black hole is on is accepted at TCP level only: the target never sees it.
     *
     * <p>Off: connections accepted from now on are forwarded again. Connections that were blackholed stay so, silent,
     * until {@link #dropConnections()}, {@link #close()}, or until both their peers have closed.
     *
     * @param on whether to swallow everything
     */
    public void blackhole(boolean on) {
        blackhole = on;
        if (on) {
            for (Connection connection : connections) {
                connection.blackholed = true;
            }
        }
    }

    /**
     * On: each new connection is reset (RST) as soon as it is accepted, as if the broker were down. The client's
     * kernel completes the TCP handshake before the proxy accepts, so the client's {@code connect()} usually succeeds
     * and its first read fails; but when the reset is quicker, {@code connect()} itself fails with "Connection reset".
     * The target never sees the connection. Connections open now are not affected. This wins over
     * {@link #blackhole(boolean)}.
     *
     * @param on whether to refuse new connections
     */
    public void refuse(boolean on) {
        refuse = on;
    }

    /**
     * Sets the latency added to each forwarded chunk, in both directions, for open and new connections: a pump that
     * has read a chunk waits this long before writing it. The pumps wait one chunk at a time, so this also limits
     * each direction to one chunk (up to 16 KiB) per {@code latency}; a round trip through the proxy takes at least
     * twice {@code latency}.
     *
     * @param latency how long; {@link Duration#ZERO} for none
     */
    public void delay(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + latency);
        }
        delayNanos = latency.toNanos();
    }

    /**
     * Arms a one-shot cut: the client-to-broker direction forwards {@code bytes} more bytes, counted from this call
     * over all connections, and the connection that carries the last of them is then closed on both sides, in order
     * (FIN, after those bytes), while anything the client sent beyond them is discarded. With 0, the next connection
     * that sends anything is closed without forwarding it. Each call arms one cut, replacing one that has not happened
     * yet; bytes a blackholed connection swallows do not count.
     *
     * @param bytes how many more bytes from clients reach the broker before the cut
     */
    public void cutAfterBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count: " + bytes);
        }
        cutBudget.set(bytes);
    }

    /**
     * Stops listening, resets every connection, and returns once every thread the proxy started has ended. Does
     * nothing if closed already.
     *
     * @throws IllegalStateException if a thread of the proxy is still alive after 5 s (a bug)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        join(List.of(acceptor));
        // the acceptor has ended: no connection is added from here on
        dropConnections();
        List<Thread> alive = join(new ArrayList<>(threads));
        if (!alive.isEmpty()) {
            throw new IllegalStateException("threads of " + this + " still alive after " + CLOSE_TIMEOUT.toSeconds()
                + " s: " + alive.stream().map(Thread::getName).collect(Collectors.toList()));
        }
    }

    @Override
    public String toString() {
        return "fault proxy 127.0.0.1:" + port + " -> 127.0.0.1:" + targetPort;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed || server.isClosed()) {
                    return;
                }
                // such as too many open files: try again, without spinning
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                continue;
            }
            accepted.incrementAndGet();
            if (refuse || closed) {
                resetQuietly(client);
                continue;
            }
            int number = connectionNumbers.incrementAndGet();
            try {
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                resetQuietly(client);
                continue;
            }
            if (blackhole) {
                open(new Connection(number, client, null));
                continue;
            }
            Socket broker = new Socket();
            try {
                broker.setTcpNoDelay(true);
                broker.connect(new InetSocketAddress(Ports.LOOPBACK, targetPort), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                resetQuietly(broker);
                resetQuietly(client);
                continue;
            }
            open(new Connection(number, client, broker));
        }
    }

    private void open(Connection connection) {
        connections.add(connection);
        // blackhole(true) and close() set their flag before they go through the connections: one of the two sees it
        if (blackhole) {
            connection.blackholed = true;
        }
        if (closed) {
            connection.reset();
            return;
        }
        connection.start();
    }

    /** @return how many of the first {@code read} bytes to forward before cutting, or -1 to forward all, no cut */
    private long takeFromCutBudget(int read) {
        while (true) {
            long left = cutBudget.get();
            if (left == NOT_ARMED) {
                return -1;
            }
            if (left > read) {
                if (cutBudget.compareAndSet(left, left - read)) {
                    return -1;
                }
            } else if (cutBudget.compareAndSet(left, NOT_ARMED)) {
                return left;
            }
        }
    }

    private Thread newThread(Runnable task, String name) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, threadPrefix + name);
        thread.setDaemon(true);
        return thread;
    }

    /** Starts a thread made by {@link #newThread(Runnable, String)}, so that {@link #close()} waits for it. */
    private void startThread(Thread thread) {
        threads.add(thread);
        thread.start();
    }

    /** @return the threads still alive after {@link #CLOSE_TIMEOUT} */
    private static List<Thread> join(List<Thread> toJoin) {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : toJoin) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }

    /** Waits {@code nanos}, at least. */
    private static void pause(long nanos) throws InterruptedIOException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("fault proxy closing");
            }
        }
    }

    /** Closes with an RST. */
    private static void resetQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already, or broken: the close below is all that is left to do
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing to do about it; the socket is gone either way
        }
    }

    /** A client connection and, unless it was accepted into the black hole, its connection to the target. */
    private final class Connection {

        private final Socket client;
        private final Socket broker;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicInteger pumpsRunning;
        private final List<Thread> pumps;
        volatile boolean blackholed;

        /** @param broker null for a connection accepted into the black hole, which the target never sees */
        Connection(int number, Socket client, Socket broker) {
            this.client = client;
            this.broker = broker;
            this.blackholed = broker == null;
            this.pumpsRunning = new AtomicInteger(broker == null ? 1 : 2);
            Thread toBroker = newThread(() -> pump(client, broker, true), number + "-to-broker");
            this.pumps = broker == null ? List.of(toBroker)
                : List.of(toBroker, newThread(() -> pump(broker, client, false), number + "-to-client"));
        }

        void start() {
            pumps.forEach(FaultProxy.this::startThread);
        }

        /**
         * Copies {@code from} to {@code to} until the end of the stream, an error or a fault.
         *
         * @param to       null if there is no target connection: read and discard
         * @param upstream whether this is the client-to-broker direction, which the cut applies to
         */
        private void pump(Socket from, Socket to, boolean upstream) {
            byte[] buffer = new byte[BUFFER_SIZE];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to == null ? null : to.getOutputStream();
                while (true) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        if (!blackholed && to != null) {
                            to.shutdownOutput();
                        }
                        break;
                    }
                    if (blackholed) {
                        continue;
                    }
                    long cutAfter = upstream ? takeFromCutBudget(read) : -1;
                    int forward = cutAfter < 0 ? read : (int) cutAfter;
                    long latency = delayNanos;
                    if (latency > 0) {
                        pause(latency);
                    }
                    if (blackholed) {
                        continue;
                    }
                    out.write(buffer, 0, forward);
                    if (cutAfter >= 0) {
                        cut();
                        return;
                    }
                }
            } catch (IOException e) {
                // a peer reset its connection, or the proxy closed it; pass a reset on, unless swallowed
                if (!blackholed) {
                    reset();
                }
            }
            if (pumpsRunning.decrementAndGet() == 0) {
                // both directions ended in order (or silently, in the black hole)
                finish(false);
            }
        }

        /** Closes both sides with an RST at once. */
        void reset() {
            finish(true);
        }

        /** Closes both sides in order: the target gets a FIN after the bytes written so far. */
        private void cut() {
            if (!closed.get()) {
                try {
                    broker.shutdownOutput();
                } catch (IOException e) {
                    // the broker is gone already; closing is all that is left
                }
            }
            finish(false);
        }

        private void finish(boolean withReset) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            connections.remove(this);
            if (withReset) {
                resetQuietly(client);
                resetQuietly(broker);
            } else {
                closeQuietly(client);
                closeQuietly(broker);
            }
            // a pump may be waiting out a delay rather than blocked on a socket
            for (Thread pump : pumps) {
                if (pump != Thread.currentThread()) {
                    pump.interrupt();
                }
            }
        }
    }
}
