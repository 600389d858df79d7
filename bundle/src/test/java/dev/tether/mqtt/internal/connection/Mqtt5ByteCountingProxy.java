package dev.tether.mqtt.internal.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that counts the bytes each way, so that a test can measure what a client writes on the
 * wire (FaultProxy injects faults but counts no bytes). Every connection is forwarded to the target port as it is.
 */
final class Mqtt5ByteCountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicLong toBroker = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private Mqtt5ByteCountingProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        daemon(this::accept, "counting-proxy-" + server.getLocalPort());
    }

    static Mqtt5ByteCountingProxy start(int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new Mqtt5ByteCountingProxy(server, targetPort);
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return bytes the clients wrote that reached the broker */
    long bytesToBroker() {
        return toBroker.get();
    }

    /** @return bytes the broker wrote that reached the clients */
    long bytesToClient() {
        return toClient.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(broker);
                daemon(() -> pump(client, broker, toBroker), "counting-proxy-to-broker");
                daemon(() -> pump(broker, client, toClient), "counting-proxy-to-client");
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                // counted once forwarded: what the count says, the other end has been given
                out.write(buffer, 0, read);
                out.flush();
                counter.addAndGet(read);
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(Mqtt5ByteCountingProxy::closeQuietly);
    }
}
