package dev.tether.mqtt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP echo server on 127.0.0.1 that remembers what each connection sent it. */
final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private EchoServer(ServerSocket server) {
        this.server = server;
    }

    static EchoServer start() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(Ports.LOOPBACK, 0));
        EchoServer echo = new EchoServer(server);
        echo.spawn(echo::acceptLoop, "echo-" + server.getLocalPort() + "-accept");
        return echo;
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return the connections accepted so far, in order */
    List<Accepted> accepted() {
        return accepted;
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Accepted connection : accepted) {
            connection.socket.close();
        }
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            Accepted connection = new Accepted(socket);
            accepted.add(connection);
            spawn(connection::echo, "echo-" + port() + "-" + accepted.size());
        }
    }

    private void spawn(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** One accepted connection. */
    static final class Accepted {

        private final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        /** Completes with everything received once the peer closed or reset the connection. */
        final CompletableFuture<byte[]> ended = new CompletableFuture<>();

        Accepted(Socket socket) {
            this.socket = socket;
        }

        /** @return what this connection received so far */
        synchronized byte[] received() {
            return received.toByteArray();
        }

        private void echo() {
            byte[] buffer = new byte[8192];
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (this) {
                        received.write(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset by the peer, or closed by close()
            } finally {
                ended.complete(received());
            }
        }
    }
}
