package dev.tether.bench.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tether.bench.broker.Broker;
import dev.tether.bench.client.BenchClient;
import dev.tether.bench.client.PahoDriver;
import dev.tether.bench.client.TetherConnection;
import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.report.OperationalFigure;
import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.Registration;

/**
 * Time from saving a configuration with a new {@code server} to Tether being connected (and re-subscribed) there,
 * told by its {@link ConnectionListener}. The Paho column is what the same move costs by hand: disconnect the old
 * client, connect a new one, subscribe, SUBACK.
 */
public final class ConfigChangeProbe {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final Broker broker;
    private final TetherDriver tether;
    private final int rounds;

    public ConfigChangeProbe(Broker broker, TetherDriver tether, int rounds) {
        this.broker = broker;
        this.tether = tether;
        this.rounds = rounds;
    }

    public OperationalFigure measure() throws Exception {
        return new OperationalFigure.Builder("config-change-to-connected",
            "configuration change → connected on the new server", "ms")
            .values("tether", tether())
            .values("paho", paho())
            .note("server switched between two listeners of the broker, with one subscription. Tether: from"
                + " Configuration.update to ConnectionListener.connected on the new server. Paho: by hand, disconnect,"
                + " new client, connect, subscribe")
            .build();
    }

    private List<Double> tether() throws Exception {
        List<Double> millis = new ArrayList<>();
        try (TetherConnection connection = TetherConnection.open(tether.felix(), "move",
                tether.settings("bench-move-tether", broker.port()))) {
            connection.subscribe("bench/move", 1, (sequence, stamp) -> { });
            for (int round = 0; round < rounds; round++) {
                int target = round % 2 == 0 ? broker.secondPort() : broker.port();
                CompletableFuture<Long> connected = new CompletableFuture<>();
                Registration registration = connection.service().addConnectionListener(new ConnectionListener() {
                    @Override
                    public void connected(ConnectionStatus status) {
                        if (status.server().endsWith(":" + target)) {
                            connected.complete(System.nanoTime());
                        }
                    }
                });
                try {
                    long start = System.nanoTime();
                    connection.update(Map.of("server", broker.host() + ":" + target));
                    millis.add((connected.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS) - start) / 1e6);
                } finally {
                    registration.close();
                }
            }
        }
        return millis;
    }

    private List<Double> paho() throws Exception {
        List<Double> millis = new ArrayList<>();
        BenchClient client = new PahoDriver(broker.host(), broker.port(), false).connect("bench-move-paho");
        try {
            client.subscribe("bench/move", 1, (sequence, stamp) -> { }).toCompletableFuture()
                .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            for (int round = 0; round < rounds; round++) {
                int target = round % 2 == 0 ? broker.secondPort() : broker.port();
                long start = System.nanoTime();
                client.close();
                client = new PahoDriver(broker.host(), target, false).connect("bench-move-paho");
                client.subscribe("bench/move", 1, (sequence, stamp) -> { }).toCompletableFuture()
                    .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                millis.add((System.nanoTime() - start) / 1e6);
            }
        } finally {
            client.close();
        }
        return millis;
    }
}
