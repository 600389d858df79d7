package dev.tether.bench.wire;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.tether.bench.broker.MosquittoBroker;
import dev.tether.bench.client.BenchClient;
import dev.tether.bench.client.PahoDriver;
import dev.tether.bench.client.TetherConnection;
import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.client.TetherDriver.Protocol;
import dev.tether.bench.measure.Payloads;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.measure.Receipts;
import dev.tether.bench.osgi.FelixRuntime;

/**
 * The bytes Tether writes for a stream of small messages on one long topic, {@code tether/<client id>/telemetry/
 * temperature}, as a gateway sends telemetry: on MQTT 5 to a listener that takes topic aliases (Mosquitto's default,
 * {@code max_topic_alias 10}), on MQTT 5 to one that takes none ({@code max_topic_alias 0}), and on MQTT 3.1.1 for
 * reference. Each publisher connects through a {@link CountingProxy}, which counts its PUBLISH packets and their
 * bytes exactly; a raw Paho subscriber on the main listener, subscribed (SUBACK) before the first publish, must get
 * every message on the full topic, so an alias the broker could not resolve shows as an incomplete run.
 */
public final class TopicAliasProbe {

    /** The client id in the topic: the form of Tether's own default id, "tether-" and the host name. */
    public static final String CLIENT_ID = "tether-gateway-01";
    public static final String TOPIC = "tether/" + CLIENT_ID + "/telemetry/temperature";
    public static final int PAYLOAD_BYTES = 64;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofSeconds(10);

    /** One configuration measured. */
    public record Variant(String key, String name, Protocol protocol, boolean aliases) {
    }

    public static final String V311 = "tether-311";
    public static final String NO_ALIASES = "tether5-no-aliases";
    public static final String ALIASES = "tether5-aliases";

    public static final List<Variant> VARIANTS = List.of(
        new Variant(V311, "Tether 3.1.1", Protocol.MQTT_3_1_1, false),
        new Variant(NO_ALIASES, "Tether 5, no topic aliases (max_topic_alias 0)", Protocol.MQTT_5, false),
        new Variant(ALIASES, "Tether 5, topic aliases (max_topic_alias 10)", Protocol.MQTT_5, true));

    private final FelixRuntime felix;
    private final MosquittoBroker broker;
    private final int window;
    private final AtomicInteger runs = new AtomicInteger();

    public TopicAliasProbe(FelixRuntime felix, MosquittoBroker broker, int window) {
        this.felix = felix;
        this.broker = broker;
        this.window = window;
    }

    /** Publishes {@code messages} messages of 64 bytes at this QoS with this variant, as fast as Tether takes them. */
    public WireSample measure(Variant variant, int qos, int messages) throws Exception {
        int listener = variant.aliases() || variant.protocol() == Protocol.MQTT_3_1_1 ? broker.port()
            : broker.noTopicAliasPort();
        TetherDriver driver = new TetherDriver(felix, broker.host(), listener, QueueKind.MEMORY, variant.protocol());
        Receipts receipts = new Receipts(messages, false);
        String name = "bench-wire-" + runs.incrementAndGet();
        AtomicReference<String> failure = new AtomicReference<>();
        try (CountingProxy proxy = new CountingProxy(broker.host(), listener);
             BenchClient subscriber = new PahoDriver(broker.host(), broker.port(), false).connect(name + "-sub")) {
            subscriber.subscribe(TOPIC, qos, receipts).toCompletableFuture().get(IDLE.toMillis(),
                TimeUnit.MILLISECONDS);
            try (TetherConnection publisher = TetherConnection.open(felix, name,
                    driver.settings(CLIENT_ID, proxy.host(), proxy.port()))) {
                Semaphore outstanding = new Semaphore(window);
                for (int i = 0; i < messages; i++) {
                    outstanding.acquire();
                    publisher.publish(TOPIC, Payloads.create(PAYLOAD_BYTES, i, System.nanoTime()), qos)
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, String.valueOf(error));
                            }
                            outstanding.release();
                        });
                }
                if (!receipts.awaitAll(IDLE, LIMIT)) {
                    failure.compareAndSet(null, "the subscriber got " + receipts.distinct() + " of " + messages
                        + " messages on " + TOPIC);
                }
                if (!outstanding.tryAcquire(window, IDLE.toMillis(), TimeUnit.MILLISECONDS)) {
                    failure.compareAndSet(null, "not every publish completed");
                }
            }
            // the publisher sent DISCONNECT and closed: its side of the count is whole once the proxy read to the end
            if (!proxy.awaitClientsGone(IDLE)) {
                failure.compareAndSet(null, "the proxy still had the publisher's connection open");
            }
            MqttFramer.Snapshot sent = proxy.fromClient();
            MqttFramer.Snapshot answered = proxy.fromBroker();
            String error = failure.get() != null ? failure.get() : sent.error() != null ? sent.error()
                : answered.error();
            return new WireSample(variant.key(), variant.name(), qos, PAYLOAD_BYTES, TOPIC, messages,
                receipts.distinct(), sent.packets(MqttFramer.PUBLISH), sent.bytes(MqttFramer.PUBLISH),
                sent.aliasSetUp(), sent.aliasUsed(), sent.totalBytes(), sent.packetCounts(),
                answered.connackProperties(), error);
        }
    }

    /** @return the numeric properties of the CONNACK a Tether of this version gets from {@code host:port} */
    public static Map<String, Long> brokerTerms(FelixRuntime felix, String host, int port, Protocol protocol,
            String name) throws Exception {
        TetherDriver driver = new TetherDriver(felix, host, port, QueueKind.MEMORY, protocol);
        try (CountingProxy proxy = new CountingProxy(host, port)) {
            // open returns once connected, so the CONNACK has gone through the proxy
            TetherConnection.open(felix, name, driver.settings(name, proxy.host(), proxy.port())).close();
            return proxy.fromBroker().connackProperties();
        }
    }
}
