package dev.tether.mqtt.kura.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;

/**
 * Waits for Tether's services. Kept apart from the test classes so that Tether's API is only loaded when a
 * test calls it: a test that installs Tether itself (from the .dp) loads it after the install.
 */
final class TetherServices {

    private TetherServices() {
    }

    /** @return the MqttService of a connection, once registered */
    static MqttService service(BundleContext context, String connection, Duration timeout) throws Exception {
        ServiceTracker<MqttService, MqttService> tracker = new ServiceTracker<>(context, context.createFilter(
            "(&(objectClass=" + MqttService.class.getName() + ")(" + MqttService.CONNECTION_PROPERTY + "="
                + connection + "))"), null);
        tracker.open();
        await("MqttService " + connection).atMost(timeout)
            .until(() -> tracker.getService() != null);
        return tracker.getService();
    }

    /** Waits until a connection reaches a state. */
    static void awaitState(MqttService service, ConnectionState state, Duration timeout) {
        await(service.connectionName() + " " + state).atMost(timeout).pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> assertThat(service.state())
                .as("state; last error %s", service.status().lastError().orElse("none")).isEqualTo(state));
    }

    /** Waits until a connection's MqttService is registered and connected. */
    static void awaitConnected(BundleContext context, String connection, Duration timeout) throws Exception {
        awaitState(service(context, connection, timeout), ConnectionState.CONNECTED, timeout);
    }
}
