package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.ops4j.pax.exam.Option;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.itests.broker.SecureBrokers;

/** What the secure transport tests share: the broker's ports and files, configurations, a round trip. */
public abstract class SecureTransportScenarios extends TetherTestSupport {

    /** @return the options of {@link TetherTestSupport#config()} plus the secure broker's properties */
    protected Option[] secureConfig(Option... extra) throws IOException {
        Map<String, String> described = SecureBrokers.start();
        Option[] base = super.config();
        Option[] all = new Option[base.length + described.size() + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        int i = base.length;
        for (Map.Entry<String, String> entry : described.entrySet()) {
            all[i++] = systemProperty(entry.getKey()).value(entry.getValue());
        }
        System.arraycopy(extra, 0, all, i, extra.length);
        return all;
    }

    protected static String property(String name) {
        return System.getProperty(name);
    }

    protected static Map<String, Object> connection(String port, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", "localhost:" + property(port));
        properties.put("client_id", uniqueClientId("secure"));
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    protected static Map<String, Object> tls() {
        return connection(SecureBrokers.TLS_PORT, "ssl_ca_cert", property(SecureBrokers.CA));
    }

    protected static Map<String, Object> mutualTls() {
        return connection(SecureBrokers.MTLS_PORT, "ssl_ca_cert", property(SecureBrokers.CA),
            "ssl_cert", property(SecureBrokers.CLIENT_CERT), "ssl_key", property(SecureBrokers.CLIENT_KEY),
            "ssl_key_pass", property(SecureBrokers.CLIENT_KEY_PASS));
    }

    protected static Map<String, Object> psk(String key) {
        return connection(SecureBrokers.PSK_PORT, "ssl_psk_identity", property(SecureBrokers.PSK_IDENTITY),
            "ssl_psk_key", key);
    }

    /** Configures the default connection, waits for CONNECTED and sends a message through the broker and back. */
    protected void assertRoundTrip(Map<String, Object> properties) throws Exception {
        configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        Recorder recorder = new Recorder();
        complete(closeAfter(service.subscribe("secure/#", 1, recorder)).acknowledged());
        complete(service.publish("secure/it", "through TLS", 1, false));
        await().atMost(TIMEOUT).until(() -> recorder.payloads().contains("through TLS"));
    }

    /** Configures the default connection and returns the reason its first attempt failed. */
    protected String failureOf(Map<String, Object> properties) throws Exception {
        configureDefault(properties);
        MqttService service = awaitService(MqttService.DEFAULT_CONNECTION);
        await().atMost(TIMEOUT).until(() -> service.status().reconnectAttempts() > 0
            || service.state() == ConnectionState.CONFIGURATION_ERROR);
        assertThat(service.state()).isNotEqualTo(ConnectionState.CONNECTED);
        return service.status().lastError().orElseThrow();
    }
}
