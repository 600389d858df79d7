package dev.tether.example;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.Registration;

/**
 * Publishes the gateway's health to {@code tether/<client_id>/status}: at once when the connection comes up, then
 * every {@code interval_seconds}. The model of a bundle that publishes through {@link MqttService}.
 */
@Component(configurationPid = HealthPublisher.PID)
@Designate(ocd = HealthPublisher.Config.class)
public final class HealthPublisher {

    static final String PID = "dev.tether.example.health";

    @ObjectClassDefinition(name = "Tether example: health",
        description = "Publishes uptime, heap and connection state to tether/<client_id>/status.")
    @interface Config {
        @AttributeDefinition(name = "Interval (s)", description = "Seconds between two health messages.", min = "1")
        int interval_seconds() default 10;
    }

    private final MqttService mqtt;
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "tether-example-health"));
    private final Registration onConnect;

    @Activate
    public HealthPublisher(@Reference(target = "(mqtt.connection=default)") MqttService mqtt, Config config) {
        this.mqtt = mqtt;
        int interval = Math.max(1, config.interval_seconds());
        timer.scheduleAtFixedRate(this::publish, interval, interval, TimeUnit.SECONDS);
        onConnect = mqtt.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(ConnectionStatus status) {
                timer.execute(HealthPublisher.this::publish);
            }
        });
    }

    @Deactivate
    void deactivate() {
        onConnect.close();
        timer.shutdownNow();
    }

    private void publish() {
        ConnectionStatus status = mqtt.status();
        // health is only worth its moment: QoS 0 and nothing queued while offline
        if (status.state() == ConnectionState.CONNECTED) {
            mqtt.publish("tether/" + status.clientId() + "/status", Health.now(status).toJson(), 0, false);
        }
    }
}
