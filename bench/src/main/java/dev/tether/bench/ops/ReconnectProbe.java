package dev.tether.bench.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.tether.bench.broker.Broker;
import dev.tether.bench.client.BenchClient;
import dev.tether.bench.client.HiveMqDriver;
import dev.tether.bench.client.PahoDriver;
import dev.tether.bench.client.TetherConnection;
import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.measure.Payloads;
import dev.tether.bench.report.OperationalFigure;

/**
 * Time from the broker being back (its port accepts connections again) to each client being re-subscribed and
 * receiving: Tether with its default reconnect settings ({@code reconnect_timeout_min} 2 s), raw Paho with its
 * automatic reconnect (and the re-subscribe in {@code connectComplete} a Paho user writes), the HiveMQ client with
 * its automatic reconnect (which re-subscribes by itself). All three are subscribed during the same restart; a
 * fresh publisher sends a QoS 0 message every 5 ms once the broker is back.
 */
public final class ReconnectProbe {

    private static final Duration RECEIVE_LIMIT = Duration.ofSeconds(90);
    private static final long PUBLISH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Broker broker;
    private final TetherDriver tether;
    private final int rounds;

    public ReconnectProbe(Broker broker, TetherDriver tether, int rounds) {
        this.broker = broker;
        this.tether = tether;
        this.rounds = rounds;
    }

    /** @param downtime how long the broker stays down; zero for a plain restart */
    public OperationalFigure measure(Duration downtime) throws Exception {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String client : List.of("tether", "paho", "hivemq")) {
            values.put(client, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            Map<String, Double> millis = round(downtime, "restart-" + downtime.toMillis() + "-" + round);
            millis.forEach((client, value) -> values.get(client).add(value));
        }
        String label = downtime.isZero() ? "broker restart → re-subscribed and receiving"
            : "broker down " + downtime.toSeconds() + " s → re-subscribed and receiving";
        OperationalFigure.Builder figure = new OperationalFigure.Builder(
            "reconnect-" + downtime.toSeconds() + "s", label, "ms after the broker is back")
            .note("Mosquitto stopped" + (downtime.isZero() ? " and started at once"
                : ", started " + downtime.toSeconds() + " s later")
                + "; from its port accepting again to the first message received. Tether:"
                + " reconnect_timeout_min 2 s (default); Paho: automatic reconnect (1 s, doubling);"
                + " HiveMQ: automatic reconnect (default)");
        values.forEach(figure::values);
        return figure.build();
    }

    private Map<String, Double> round(Duration downtime, String runId) throws Exception {
        String topic = "bench/" + runId;
        Map<String, FirstArrival> arrivals = new LinkedHashMap<>();
        arrivals.put("tether", new FirstArrival());
        arrivals.put("paho", new FirstArrival());
        arrivals.put("hivemq", new FirstArrival());
        List<BenchClient> clients = new ArrayList<>();
        try {
            TetherConnection tetherClient = TetherConnection.open(tether.felix(), runId,
                tether.settings(runId + "-tether", broker.port()));
            clients.add(tetherClient);
            tetherClient.subscribe(topic, 0, arrivals.get("tether"));
            BenchClient paho = new PahoDriver(broker.host(), broker.port(), true).connect(runId + "-paho");
            clients.add(paho);
            paho.subscribe(topic, 0, arrivals.get("paho")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            BenchClient hivemq = new HiveMqDriver(broker.host(), broker.port(), true).connect(runId + "-hivemq");
            clients.add(hivemq);
            hivemq.subscribe(topic, 0, arrivals.get("hivemq")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            // all three receiving before the restart
            publishUntilReceived(topic, arrivals, runId + "-probe-before");
            arrivals.values().forEach(FirstArrival::reset);

            broker.stop();
            if (!downtime.isZero()) {
                Thread.sleep(downtime.toMillis());
            }
            long back = broker.start();
            publishUntilReceived(topic, arrivals, runId + "-probe-after");
            Map<String, Double> millis = new LinkedHashMap<>();
            arrivals.forEach((client, arrival) -> millis.put(client,
                arrival.arrived() ? (arrival.at() - back) / 1e6 : Double.NaN));
            return millis;
        } finally {
            clients.forEach(BenchClient::close);
        }
    }

    private void publishUntilReceived(String topic, Map<String, FirstArrival> arrivals, String clientId)
            throws Exception {
        try (BenchClient publisher = connectWhenUp(clientId)) {
            long deadline = System.nanoTime() + RECEIVE_LIMIT.toNanos();
            while (!arrivals.values().stream().allMatch(FirstArrival::arrived) && System.nanoTime() - deadline < 0) {
                publisher.publish(topic, Payloads.create(Payloads.HEADER_BYTES, 0, System.nanoTime()), 0);
                LockSupport.parkNanos(PUBLISH_INTERVAL_NANOS);
            }
        }
    }

    private BenchClient connectWhenUp(String clientId) throws Exception {
        long deadline = System.nanoTime() + RECEIVE_LIMIT.toNanos();
        while (true) {
            try {
                return new PahoDriver(broker.host(), broker.port(), false).connect(clientId);
            } catch (MqttException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }
}
