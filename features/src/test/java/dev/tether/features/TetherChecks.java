package dev.tether.features;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttSubscription;

/**
 * What the tests check through Tether's API, inside Karaf. The probe imports {@code dev.tether.mqtt} dynamically:
 * call this only once the Tether bundle is active, so that the import is wired to it.
 */
final class TetherChecks {

    private TetherChecks() {
    }

    /**
     * Waits until the {@code MqttService} of a connection is registered and connected, then round-trips a message
     * through the broker: subscribe, publish at QoS 1, receive it.
     *
     * @param server the {@code HOST:PORT} it must be connected to
     */
    static void assertConnectedAndRoundTrip(BundleContext context, String connection, String server,
        Duration timeout) throws Exception {
        ServiceTracker<MqttService, MqttService> tracker = new ServiceTracker<>(context, context.createFilter(
            "(&(objectClass=" + MqttService.class.getName() + ")(" + MqttService.CONNECTION_PROPERTY + "="
                + connection + "))"), null);
        tracker.open();
        try {
            MqttService mqtt = await("MqttService " + connection + " registered").atMost(timeout)
                .until(tracker::getService, service -> service != null);
            assertEquals("tcp://" + server, tracker.getServiceReference().getProperty(MqttService.SERVER_PROPERTY));
            await(connection + " connected").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> mqtt.state() == ConnectionState.CONNECTED);
            assertRoundTrip(mqtt, timeout);
        } finally {
            tracker.close();
        }
    }

    private static void assertRoundTrip(MqttService mqtt, Duration timeout) throws Exception {
        String topic = "tether/karaf-it/" + UUID.randomUUID();
        List<String> received = new CopyOnWriteArrayList<>();
        try (MqttSubscription subscription = mqtt.subscribe(topic, 1, message -> received.add(message.payloadAsString()))) {
            subscription.acknowledged().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            mqtt.publish(topic, "hello from Karaf", 1, false).toCompletableFuture()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            await("the message back from the broker").atMost(timeout).until(() -> received.contains("hello from Karaf"));
        }
    }
}
