package dev.tether.mqtt.internal.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;

import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.Security;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.transport.TransportException;

/**
 * While the connection runs on the backup server, checks every {@code primary_check_interval} whether the configured
 * server is healthy again: it accepts a TCP connection and, with TLS, completes the handshake with the same trust and
 * client material. No MQTT CONNECT is sent: a second session with the same client id would throw the live one off
 * its broker. A check blocks for up to its timeout, so it runs on the prober executor, never on the loop thread.
 * Start and stop are confined to the loop thread.
 */
final class PrimaryCheck {

    private static final int TIMEOUT_MILLIS = 5000;

    private final ScheduledExecutorService timer;
    private final Executor prober;
    private final Clock clock;
    private ScheduledFuture<?> scheduled;

    PrimaryCheck(ScheduledExecutorService timer, Executor prober, Clock clock) {
        this.timer = timer;
        this.prober = prober;
        this.clock = clock;
    }

    /** @param whenBack run on the prober's thread each time the configured server answers */
    void start(ConnectionSettings settings, Runnable whenBack) {
        stop();
        long interval = settings.primaryCheckInterval().toMillis();
        if (interval <= 0) {
            return;
        }
        Runnable probe = () -> {
            if (reachable(settings.server(), settings.security(), clock)) {
                whenBack.run();
            }
        };
        scheduled = timer.scheduleWithFixedDelay(() -> {
            try {
                prober.execute(probe);
            } catch (RejectedExecutionException closing) {
                // the connection is closing: nothing to return to
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    /** @return whether the server answered; never throws */
    static boolean reachable(ServerAddress server, Security security, Clock clock) {
        try {
            SocketFactory factory = SecureTransports.socketFactory(security, clock);
            try (Socket socket = factory.createSocket()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MILLIS);
                if (socket instanceof SSLSocket tls) {
                    tls.startHandshake();
                }
                return true;
            }
        } catch (IOException | TransportException | RuntimeException e) {
            return false;
        }
    }
}
