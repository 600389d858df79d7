package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which MQTT version Tether speaks with Mosquitto 2.0.11, which speaks both: Tether's status and Mosquitto's log. */
class Mqtt5MosquittoProtocolTest {

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @ParameterizedTest(name = "protocol_version={0} connects as MQTT {1} (Mosquitto logs {2})")
    @CsvSource({"5, 5, p5", "auto, 5, p5", "3.1.1, 3.1.1, p2"})
    void theConfiguredVersionIsTheOneSpoken(String configured, String spoken, String logged) throws Exception {
        // given Mosquitto, which speaks MQTT 5 and 3.1.1
        mosquitto = Mqtt5Mosquitto.in(work).start();

        // when Tether connects with that protocol_version
        ManagedConnection connection = mosquitto.connect("version-" + logged, "protocol_version", configured);

        // then its status names the version, and Mosquitto logged the client with the same one (p5: MQTT 5,
        // p2: MQTT 3.1.1, in Mosquitto's numbering of protocol names)
        assertThat(connection.status().protocolVersion()).contains(spoken);
        assertThat(mosquitto.logLines("New client connected from .* as version-" + logged + " \\(" + logged + ","))
            .as("Mosquitto's log:%n%s", mosquitto.log()).isEqualTo(1);
        assertThat(mosquitto.logLines(Mqtt5Mosquitto.connectedAs("version-" + logged))).isEqualTo(1);
    }
}
