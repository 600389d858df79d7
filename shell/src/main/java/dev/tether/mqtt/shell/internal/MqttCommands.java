package dev.tether.mqtt.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttService;

/**
 * Gogo commands in scope {@code mqtt} for the person at a gateway's console:
 * <ul>
 * <li>{@code mqtt:connections}: one line per connection (name, state, server, client id)</li>
 * <li>{@code mqtt:status [connection]}: everything a connection's status holds, subscriptions included</li>
 * <li>{@code mqtt:metrics [connection]}: what a connection has done: traffic per QoS, connects and failures,
 * the queue, publish latency, the latest rates and the last events</li>
 * <li>{@code mqtt:pub [-c name] [-q qos] [-r] <topic> <payload> [qos [retain]]}: publish and report the outcome</li>
 * <li>{@code mqtt:sub [-c name] [-q qos] [-t seconds] <filter>}: print messages until Ctrl-C or the time is up</li>
 * <li>{@code mqtt:reconnect [connection]}: end the session and connect again at once</li>
 * </ul>
 * Without a name {@code status} and {@code metrics} show every connection; the others use the connection
 * {@value MqttService#DEFAULT_CONNECTION}, or the only one there is. An unknown name, or no name where one is
 * needed, gets the names there are, since neither Gogo's console nor Karaf's completes a Gogo command's
 * arguments. Output is plain text lines on the session's {@code System.out}; mistakes (unknown connection,
 * invalid topic, bad QoS) are printed to its {@code System.err} as one clear line instead of being thrown,
 * so Gogo shows no stack trace. Commands run on Gogo's thread and print only from it, because Gogo
 * redirects {@code System.out} per thread. Every {@link MqttService} is tracked dynamically; the
 * subscriptions a command opens are closed when it ends, and by Tether when this bundle stops.
 */
@Component(service = Object.class, property = {
    "osgi.command.scope=mqtt",
    "osgi.command.function=connections",
    "osgi.command.function=status",
    "osgi.command.function=metrics",
    "osgi.command.function=pub",
    "osgi.command.function=sub",
    "osgi.command.function=reconnect"})
public final class MqttCommands {

    /** How long {@code pub} waits for the broker's acknowledgement. */
    static final Duration PUBLISH_WAIT = Duration.ofSeconds(10);

    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final StatusFormatter formatter;
    private final MetricsFormatter metricsFormatter = new MetricsFormatter();
    private final Duration publishWait;

    /** For DS. */
    public MqttCommands() {
        this(Clock.systemUTC(), PUBLISH_WAIT);
    }

    MqttCommands(Clock clock, Duration publishWait) {
        this.formatter = new StatusFormatter(clock);
        this.publishWait = publishWait;
    }

    @Reference(service = MqttService.class, cardinality = ReferenceCardinality.MULTIPLE,
        policy = ReferencePolicy.DYNAMIC, unbind = "removeConnection")
    void addConnection(MqttService service, Map<String, Object> properties) {
        connections.add(name(service, properties), service);
    }

    void removeConnection(MqttService service, Map<String, Object> properties) {
        connections.remove(name(service, properties), service);
    }

    private static String name(MqttService service, Map<String, Object> properties) {
        Object name = properties.get(MqttService.CONNECTION_PROPERTY);
        return name == null ? service.connectionName() : name.toString();
    }

    // ---- the commands; Gogo calls the public methods by name and picks an overload by its arguments

    @Descriptor("list the MQTT connections: name, state, server, client id")
    public void connections() {
        List<ConnectionStatus> statuses = connections.all().stream().map(MqttService::status)
            .collect(Collectors.toList());
        PrintStream out = System.out;
        if (statuses.isEmpty()) {
            out.println(ConnectionRegistry.NONE_CONFIGURED);
            return;
        }
        formatter.table(statuses).forEach(out::println);
    }

    @Descriptor("show the status of every MQTT connection")
    public void status() {
        printEach(service -> formatter.status(service.status()));
    }

    @Descriptor("show the status of one MQTT connection: state, server, client id, errors, queue, subscriptions")
    public void status(@Descriptor("the connection's name") String connection) {
        run(() -> {
            MqttService service = connections.select(connection, "mqtt:status <name>");
            formatter.status(service.status()).forEach(System.out::println);
        });
    }

    @Descriptor("show the metrics of every MQTT connection")
    public void metrics() {
        printEach(service -> metricsFormatter.metrics(service.metrics()));
    }

    @Descriptor("show what one MQTT connection has done: messages and bytes per QoS, connects, failed attempts,"
        + " queue, publish latency, rates, the last events")
    public void metrics(@Descriptor("the connection's name") String connection) {
        run(() -> {
            MqttService service = connections.select(connection, "mqtt:metrics <name>");
            metricsFormatter.metrics(service.metrics()).forEach(System.out::println);
        });
    }

    @Descriptor("publish a message and wait up to 10 s for the outcome;"
        + " QoS and retain may also follow the payload: pub a/b hello 1 true")
    public void pub(
        @Descriptor("the connection (default: default, or the only one)")
        @Parameter(names = {"-c", "--connection"}, absentValue = "") String connection,
        @Descriptor("QoS 0, 1 or 2 (default 0)")
        @Parameter(names = {"-q", "--qos"}, absentValue = "") String qos,
        @Descriptor("ask the broker to retain the message")
        @Parameter(names = {"-r", "--retain"}, presentValue = "true", absentValue = "false") boolean retain,
        @Descriptor("the topic, without wildcards") String topic,
        @Descriptor("the payload, sent as UTF-8 text; quote it when it has spaces") String payload,
        @Descriptor("optional QoS, then optional retain (true or false)") String... qosAndRetain) {
        run(() -> {
            Arguments.PublishOptions options = Arguments.publishOptions(qos, retain, qosAndRetain);
            MqttService service = connections.select(connection, "-c");
            new Publisher(publishWait, System.out, System.err).publish(service, topic, payload, options);
        });
    }

    @Descriptor("subscribe and print each message as 'topic payload' until Ctrl-C or for the given seconds;"
        + " quote a filter that starts with #: sub '#'")
    public void sub(
        @Descriptor("the connection (default: default, or the only one)")
        @Parameter(names = {"-c", "--connection"}, absentValue = "") String connection,
        @Descriptor("the highest QoS to receive, 0, 1 or 2 (default 0)")
        @Parameter(names = {"-q", "--qos"}, absentValue = "") String qos,
        @Descriptor("stop after this many seconds (default: at Ctrl-C)")
        @Parameter(names = {"-t", "--seconds"}, absentValue = "") String seconds,
        @Descriptor("the topic filter; + and # are wildcards") String filter) {
        run(() -> {
            int maxQos = Arguments.qos(qos);
            Duration limit = Arguments.seconds(seconds);
            MqttService service = connections.select(connection, "-c");
            new Subscriber(System.out, System.err)
                .run(service, filter, maxQos, limit, () -> connections.contains(service));
        });
    }

    @Descriptor("end the default connection's session and connect again at once")
    public void reconnect() {
        reconnect("");
    }

    @Descriptor("end a connection's session and connect again at once")
    public void reconnect(@Descriptor("the connection's name") String connection) {
        run(() -> {
            MqttService service = connections.select(connection, "mqtt:reconnect <name>");
            ConnectionStatus before = service.status();
            String name = service.connectionName();
            if (before.state() == ConnectionState.CONFIGURATION_ERROR) {
                throw new UsageException("not reconnecting " + name + ": its configuration is invalid ("
                    + before.lastError().orElse("see mqtt:status") + ")");
            }
            if (before.state() == ConnectionState.CLOSED) {
                throw new UsageException("not reconnecting " + name + ": it is closed");
            }
            service.reconnect();
            System.out.println("reconnecting " + name + " to " + before.server() + " (was " + before.state()
                + "); see mqtt:status " + name);
        });
    }

    /** Prints the lines of every connection, a blank line between two. */
    private void printEach(Function<MqttService, List<String>> lines) {
        List<MqttService> all = connections.all();
        PrintStream out = System.out;
        if (all.isEmpty()) {
            out.println(ConnectionRegistry.NONE_CONFIGURED);
            return;
        }
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                out.println();
            }
            lines.apply(all.get(i)).forEach(out::println);
        }
    }

    /** Runs a command body, printing a {@link UsageException}'s message to the session's error stream. */
    private static void run(Runnable command) {
        try {
            command.run();
        } catch (UsageException e) {
            System.err.println(e.getMessage());
        }
    }
}
