package dev.tether.bench;

import java.util.ArrayList;
import java.util.List;

import dev.tether.bench.broker.Broker;
import dev.tether.bench.client.HiveMqDriver;
import dev.tether.bench.client.MqttDriver;
import dev.tether.bench.client.PahoDriver;
import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.ops.BundleSizes;
import dev.tether.bench.ops.ConfigChangeProbe;
import dev.tether.bench.ops.FootprintProbe;
import dev.tether.bench.ops.GatewayStartProbe;
import dev.tether.bench.ops.MeterCostProbe;
import dev.tether.bench.ops.ReconnectProbe;
import dev.tether.bench.ops.RecoveryProbe;
import dev.tether.bench.report.OperationalFigure;
import dev.tether.bench.report.Results;

/** The operational figures, each probe on its own: one that fails is reported and the rest still run. */
final class Operations {

    private final BenchOptions options;
    private final Broker broker;
    private final TetherDriver tether;
    private final Results results;

    Operations(BenchOptions options, Broker broker, TetherDriver tether, Results results) {
        this.options = options;
        this.broker = broker;
        this.tether = tether;
        this.results = results;
    }

    void run() {
        attempt("size on disk", () -> List.of(new BundleSizes(options.lib(), tether.felix().tether()).measure()));
        attempt("footprint", () -> new FootprintProbe(footprintDrivers(), options.footprintConnections,
            options.subscriptions, options.footprintRounds, options.settleMillis).measure());
        ReconnectProbe reconnect = new ReconnectProbe(broker, tether, options.opsRounds);
        options.downtimes.forEach(downtime -> attempt("reconnect after " + downtime.toSeconds() + " s down",
            () -> List.of(reconnect.measure(downtime))));
        attempt("configuration change", () -> List.of(new ConfigChangeProbe(broker, tether, options.opsRounds)
            .measure()));
        if (options.clients.contains("tether")) {
            attempt("file queue recovery", this::recovery);
            attempt("metrics cost", () -> List.of(new MeterCostProbe(options.opsRounds).measure()));
        }
        if (options.gateway) {
            attempt("gateway start", () -> new GatewayStartProbe(options.gatewayJar, options.workDir(), 1,
                options.opsRounds).measure());
        }
    }

    private List<OperationalFigure> recovery() throws Exception {
        RecoveryProbe probe = new RecoveryProbe(new TetherDriver(tether.felix(), broker.host(), broker.port(),
            QueueKind.FILE), options.opsRounds);
        OperationalFigure figure = probe.measure();
        // a count other than 100,000 is a lost or doubled message: a failure, not a slow figure
        probe.failure().ifPresent(failure -> results.failures().put("operational file queue recovery", failure));
        return List.of(figure);
    }

    private List<MqttDriver> footprintDrivers() {
        List<MqttDriver> drivers = new ArrayList<>();
        if (options.clients.contains("tether")) {
            drivers.add(tether);
        }
        if (options.clients.contains("paho")) {
            drivers.add(new PahoDriver(broker.host(), broker.port(), false));
        }
        if (options.clients.contains("hivemq")) {
            drivers.add(new HiveMqDriver(broker.host(), broker.port(), false));
        }
        return drivers;
    }

    private interface Probe {
        List<OperationalFigure> measure() throws Exception;
    }

    private void attempt(String name, Probe probe) {
        Progress.say("operational: %s", name);
        try {
            List<OperationalFigure> figures = probe.measure();
            results.operational().addAll(figures);
            figures.forEach(figure -> Progress.say("  %s: %s", figure.label(), figure.cells()));
        } catch (Exception e) {
            Progress.say("operational: %s FAILED: %s", name, e);
            results.failures().put("operational " + name, String.valueOf(e));
        }
    }
}
