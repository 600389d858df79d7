package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;

/**
 * Builds the framework (Felix or Equinox, see {@link TestFramework}, with SCR, ConfigAdmin, metatype,
 * log, the Tether bundle, and Paho for the tests' own client) and gives the tests short helpers for
 * configurations, services, brokers and clients. Everything a test opens through these helpers is closed after it,
 * and every Tether configuration deleted.
 */
public abstract class TetherTestSupport {

    /** PID of the singleton connection {@code default}. */
    protected static final String PID = "dev.tether.mqtt";
    /** Factory PID of named connections. */
    protected static final String FACTORY_PID = "dev.tether.mqtt.connection";

    /** Longest wait for anything that should happen soon: a service, a connect, a message. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Everything the Tether bundle logs during the test. */
    protected TetherLog tetherLog;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        File tether = new File(System.getProperty("tether.bundle", "../bundle/target/dev.tether.mqtt-0.1.0-SNAPSHOT.jar"));
        if (!tether.isFile()) {
            throw new IllegalStateException("Tether bundle not built: " + tether.getAbsolutePath());
        }
        return options(
            systemProperty(dev.tether.mqtt.itests.broker.BrokerHost.CONTROL_PORT_PROPERTY)
                .value(Integer.toString(dev.tether.mqtt.itests.broker.BrokerHost.controlPort())),
            systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
            junitBundles(),
            mavenBundle("org.hamcrest", "hamcrest").versionAsInProject(),
            mavenBundle("org.awaitility", "awaitility").versionAsInProject(),
            mavenBundle("net.bytebuddy", "byte-buddy").versionAsInProject(),
            mavenBundle("org.assertj", "assertj-core").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
            TestFramework.onClassPath().options(),
            mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.metatype").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
            // the tests' own independent MQTT client (TestClient); Tether does not import it
            mavenBundle("org.eclipse.paho", "org.eclipse.paho.client.mqttv3").versionAsInProject(),
            bundle(tether.toURI().toString()));
    }

    @Before
    public final void collectTetherLog() {
        tetherLog = closeAfter(new TetherLog(context));
    }

    @After
    public final void closeEverything() throws Exception {
        Exception first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        Configuration[] configurations = configAdmin.listConfigurations(
            "(|(service.pid=" + PID + ")(service.factoryPid=" + FACTORY_PID + "))");
        if (configurations != null) {
            for (Configuration configuration : configurations) {
                configuration.delete();
            }
        }
        await("every MqttService unregistered").atMost(TIMEOUT)
            .until(() -> context.getServiceReferences(MqttService.class, null).isEmpty());
        if (first != null) {
            throw first;
        }
    }

    /** Closes a resource after the test, before the configurations are deleted. */
    protected <T extends AutoCloseable> T closeAfter(T resource) {
        resources.push(resource);
        return resource;
    }

    // ---- brokers and independent clients

    /** Starts a broker of a kind for this test; skips the test when that kind is not installed. */
    protected RemoteBroker startBroker(String kind) {
        int controlPort = Integer.getInteger(dev.tether.mqtt.itests.broker.BrokerHost.CONTROL_PORT_PROPERTY);
        assumeTrue(kind + " is not installed here", RemoteBroker.available(controlPort, kind));
        return closeAfter(RemoteBroker.create(controlPort, kind));
    }

    /** Connects a plain Paho client, not Tether, to a broker. */
    protected TestClient client(RemoteBroker broker) throws Exception {
        return closeAfter(new TestClient(broker.uri()));
    }

    // ---- configuration

    /** @return a client id unique to this test, so threads and broker sessions can be told apart */
    protected static String uniqueClientId(String name) {
        return "tether-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates or replaces the singleton configuration {@code dev.tether.mqtt}. */
    protected Configuration configureDefault(Map<String, ?> properties) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(PID, "?");
        configuration.update(dictionary(properties));
        return configuration;
    }

    /** Creates or replaces the factory configuration of connection {@code name}. */
    protected Configuration configureConnection(String name, Map<String, ?> properties) throws IOException {
        Configuration configuration = configAdmin.getFactoryConfiguration(FACTORY_PID, name, "?");
        Dictionary<String, Object> dictionary = dictionary(properties);
        dictionary.put("name", name);
        configuration.update(dictionary);
        return configuration;
    }

    /** Replaces a configuration's properties. */
    protected static void update(Configuration configuration, Map<String, ?> properties) throws IOException {
        Dictionary<String, Object> dictionary = dictionary(properties);
        Object name = configuration.getProperties() == null ? null : configuration.getProperties().get("name");
        if (name != null && !properties.containsKey("name")) {
            dictionary.put("name", name);
        }
        configuration.update(dictionary);
    }

    private static Dictionary<String, Object> dictionary(Map<String, ?> properties) {
        return new Hashtable<>(properties);
    }

    // ---- services

    /** Waits for the {@code MqttService} of a connection and returns it. */
    protected MqttService awaitService(String connection) throws InvalidSyntaxException {
        ServiceTracker<MqttService, MqttService> tracker = tracker(connection);
        await("MqttService " + connection).atMost(TIMEOUT).until(() -> tracker.getService() != null);
        return tracker.getService();
    }

    /** Asserts that no {@code MqttService} of a connection shows up for a while. */
    protected void assertNoServiceDuring(String connection, Duration window) throws InvalidSyntaxException {
        ServiceTracker<MqttService, MqttService> tracker = tracker(connection);
        await("no MqttService " + connection).during(window).atMost(window.plusSeconds(5))
            .until(() -> tracker.getTrackingCount() == 0);
    }

    /** @return a tracker, closed after the test, of the MqttService of a connection */
    protected ServiceTracker<MqttService, MqttService> tracker(String connection) throws InvalidSyntaxException {
        ServiceTracker<MqttService, MqttService> tracker = new ServiceTracker<>(context, context.createFilter(
            "(&(objectClass=" + MqttService.class.getName() + ")(" + MqttService.CONNECTION_PROPERTY + "=" + connection
                + "))"), null);
        tracker.open();
        closeAfter(tracker::close);
        return tracker;
    }

    /** Waits until a connection reaches a state. */
    protected static void awaitState(MqttService service, ConnectionState state, Duration atMost) {
        await(service.connectionName() + " " + state).atMost(atMost).pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> assertThat(service.state()).as("state; status %s", describe(service))
                .isEqualTo(state));
    }

    /** @return the status of a connection as text, for failure messages */
    protected static String describe(MqttService service) {
        var status = service.status();
        return status.state() + " server=" + status.server() + " lastError=" + status.lastError().orElse("")
            + " attempts=" + status.reconnectAttempts() + " subscriptions=" + status.subscriptionCount()
            + " queued=" + status.queuedMessages();
    }

    /** Registers a whiteboard listener, unregistered after the test. {@code connection} null means the property is left out. */
    protected ServiceRegistration<MqttMessageListener> whiteboard(MqttMessageListener listener, String connection,
        String... topics) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MqttMessageListener.TOPIC_PROPERTY, topics.length == 1 ? topics[0] : topics);
        properties.put(MqttMessageListener.QOS_PROPERTY, 1);
        if (connection != null) {
            properties.put(MqttService.CONNECTION_PROPERTY, connection);
        }
        ServiceRegistration<MqttMessageListener> registration = context.registerService(MqttMessageListener.class,
            listener, properties);
        closeAfter(() -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test itself
            }
        });
        return registration;
    }

    /** Waits for a stage to complete normally. */
    protected static <T> T complete(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Something that publishes one message. */
    @FunctionalInterface
    protected interface Publisher {
        void publish(String payload) throws Exception;
    }

    /**
     * Publishes numbered probe messages until each check passes: for subscriptions whose
     * acknowledgement the test cannot see (whiteboard listeners, subscriptions re-established after
     * a reconnect). Returns once every check passed.
     */
    protected static void publishUntil(Publisher publisher, Runnable... checks) {
        int[] count = {0};
        await("probe messages arrive").atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            publisher.publish("probe-" + count[0]++);
            for (Runnable check : checks) {
                check.run();
            }
        });
    }

    /**
     * @return live threads of Tether's: each connection's reader ("tether-NAME-reader") and the shared scheduler
     *     ("tether-scheduler-1"), but not the shared workers ("tether-worker-N"), whose idle threads legitimately
     *     linger for a while, nor the threads of the tests' own Paho clients ("MQTT ...")
     */
    protected static long connectionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> name.startsWith("tether-") && !name.startsWith("tether-worker-"))
            .count();
    }

    /** @return the Tether bundle */
    protected org.osgi.framework.Bundle tetherBundle() {
        for (org.osgi.framework.Bundle bundle : context.getBundles()) {
            if ("dev.tether.mqtt".equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("Tether bundle dev.tether.mqtt is not installed");
    }
}
