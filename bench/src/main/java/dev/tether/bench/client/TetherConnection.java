package dev.tether.bench.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.bench.measure.Payloads;
import dev.tether.bench.osgi.ConfigAdminClient;
import dev.tether.bench.osgi.FelixRuntime;
import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.Registration;

/**
 * One Tether connection in the framework, as a gateway's operator makes it: a factory configuration of
 * {@code dev.tether.mqtt.connection}. Publishes through its {@link MqttService}; receives through whiteboard
 * {@link MqttMessageListener} services registered for it.
 */
public final class TetherConnection implements BenchClient {

    public static final String FACTORY_PID = "dev.tether.mqtt.connection";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    /** How long CONNECTED may be shown before the listeners are told, on a busy machine. */
    private static final Duration LISTENER_WAIT = Duration.ofMillis(100);
    /** Connections that were connected before their listener was added, for the log. */
    public static final AtomicInteger LATE_LISTENERS = new AtomicInteger();

    private static final MqttMessageListener IGNORE = message -> { };

    private final BundleContext context;
    private final String name;
    private final ConfigAdminClient.Configuration configuration;
    private final ServiceTracker<MqttService, MqttService> tracker;
    private final MqttService service;
    private final List<ServiceRegistration<MqttMessageListener>> listeners = new ArrayList<>();
    private final long configuredAt;
    private Map<String, Object> settings;

    private TetherConnection(BundleContext context, String name, ConfigAdminClient.Configuration configuration,
            ServiceTracker<MqttService, MqttService> tracker, MqttService service, Map<String, Object> settings,
            long configuredAt) {
        this.context = context;
        this.configuredAt = configuredAt;
        this.name = name;
        this.configuration = configuration;
        this.tracker = tracker;
        this.service = service;
        this.settings = settings;
    }

    /**
     * Creates the configuration and returns once the connection reports {@code CONNECTED}.
     *
     * @param name     the connection's name (letters, digits, '.', '_', '-')
     * @param settings the configuration properties, without {@code name}
     */
    public static TetherConnection open(FelixRuntime felix, String name, Map<String, Object> settings)
            throws InvalidSyntaxException, InterruptedException, TimeoutException {
        return open(felix, name, settings, true);
    }

    /** @param awaitConnected false to return as soon as the service is registered */
    public static TetherConnection open(FelixRuntime felix, String name, Map<String, Object> settings,
            boolean awaitConnected) throws InvalidSyntaxException, InterruptedException, TimeoutException {
        BundleContext context = felix.context();
        Map<String, Object> properties = new LinkedHashMap<>(settings);
        properties.put("name", name);
        ConfigAdminClient.Configuration configuration = felix.configAdmin().factory(FACTORY_PID, name);
        // tracks only services whose MqttService class is ours: proof that the API is shared
        ServiceTracker<MqttService, MqttService> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(
            "(&(objectClass=" + MqttService.class.getName() + ")(" + MqttService.CONNECTION_PROPERTY + "=" + name
                + "))"), null);
        tracker.open();
        long configuredAt = System.nanoTime();
        configuration.update(properties);
        MqttService service = tracker.waitForService(CONNECT_TIMEOUT.toMillis());
        if (service == null) {
            tracker.close();
            configuration.delete();
            throw new TimeoutException("Tether registered no MqttService for connection " + name + " within "
                + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        TetherConnection connection = new TetherConnection(context, name, configuration, tracker, service, properties,
            configuredAt);
        if (awaitConnected) {
            // Tether shows CONNECTED a moment before its queue has the new transport, and a QoS 0 message published
            // in that moment fails ("not connected"); its ConnectionListeners are told after, so wait for that too
            CompletableFuture<Void> told = new CompletableFuture<>();
            Registration registration = service.addConnectionListener(new ConnectionListener() {
                @Override
                public void connected(ConnectionStatus status) {
                    told.complete(null);
                }
            });
            try {
                connection.awaitState(ConnectionState.CONNECTED, CONNECT_TIMEOUT);
                told.get(LISTENER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // not connected in time; or connected before the listener was added (the queue has had its
                // transport since)
                if (connection.service.state() != ConnectionState.CONNECTED) {
                    connection.close();
                    throw e;
                }
                LATE_LISTENERS.incrementAndGet();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                registration.close();
            }
        }
        return connection;
    }

    /** @return {@link System#nanoTime()} just before the configuration was first saved */
    public long configuredAt() {
        return configuredAt;
    }

    public MqttService service() {
        return service;
    }

    public String name() {
        return name;
    }

    /** @return the configuration properties in force */
    public synchronized Map<String, Object> settings() {
        return Map.copyOf(settings);
    }

    /** Saves changed properties (the rest kept): Tether applies them as an operator's edit. */
    public synchronized void update(Map<String, Object> changes) {
        Map<String, Object> next = new LinkedHashMap<>(settings);
        next.putAll(changes);
        configuration.update(next);
        settings = next;
    }

    public void awaitState(ConnectionState state, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (service.state() != state) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("connection " + name + " is " + service.status().state() + ", not "
                    + state + ", after " + timeout.toMillis() + " ms; last error: "
                    + service.status().lastError().orElse("none"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Registers a whiteboard listener for this connection; Tether subscribes it. */
    @Override
    public CompletionStage<?> subscribe(String topic, int qos, MessageSink sink) {
        MqttMessageListener listener = message -> {
            byte[] payload = message.payload();
            sink.arrived(Payloads.sequence(payload), Payloads.stamp(payload));
        };
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MqttMessageListener.TOPIC_PROPERTY, topic);
        properties.put(MqttMessageListener.QOS_PROPERTY, qos);
        properties.put(MqttService.CONNECTION_PROPERTY, name);
        synchronized (listeners) {
            listeners.add(context.registerService(MqttMessageListener.class, listener, properties));
        }
        // the whiteboard has no acknowledgement to wait for: the caller probes
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> subscribeIdle(String topicFilter, int qos) {
        return service.subscribe(topicFilter, qos, IGNORE).acknowledged();
    }

    @Override
    public CompletionStage<?> publish(String topic, byte[] payload, int qos) {
        return service.publish(topic, payload, qos, false);
    }

    /** Unregisters the listeners, deletes the configuration, and waits until the service is gone. */
    @Override
    public void close() {
        synchronized (listeners) {
            listeners.forEach(ServiceRegistration::unregister);
            listeners.clear();
        }
        configuration.delete();
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (tracker.size() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        tracker.close();
    }
}
