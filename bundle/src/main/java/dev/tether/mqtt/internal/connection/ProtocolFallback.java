package dev.tether.mqtt.internal.connection;

import java.util.HashMap;
import java.util.Map;

import dev.tether.mqtt.internal.codec.ProtocolVersion;
import dev.tether.mqtt.internal.config.ProtocolChoice;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.session.ConnectionRefusedException;
import dev.tether.mqtt.internal.session.NoConnAckException;

/**
 * Which MQTT version an attempt offers ({@code protocol_version}): 5 or 3.1.1 as configured, and with {@code auto}
 * MQTT 5 until a server refuses it, then 3.1.1 for that server until the configuration changes. A server refuses MQTT
 * 5 with MQTT 3.1.1's CONNACK 0x01 (unacceptable protocol version), MQTT 5's 0x84, or by closing the connection
 * before any CONNACK. A fallback that never connected is forgotten when its 3.1.1 attempt fails too, so a broker
 * that was merely restarting is offered MQTT 5 again. Confined to the connection's state machine.
 */
final class ProtocolFallback {

    private final ProtocolChoice choice;
    /** Per server that refused MQTT 5: whether MQTT 3.1.1 has connected there since. */
    private final Map<ServerAddress, Boolean> fallenBack = new HashMap<>();

    ProtocolFallback(ProtocolChoice choice) {
        this.choice = choice;
    }

    ProtocolVersion versionFor(ServerAddress server) {
        return switch (choice) {
            case MQTT_3_1_1 -> ProtocolVersion.MQTT_3_1_1;
            case MQTT_5 -> ProtocolVersion.MQTT_5;
            case AUTO -> fallenBack.containsKey(server) ? ProtocolVersion.MQTT_3_1_1 : ProtocolVersion.MQTT_5;
        };
    }

    /** @return whether a failed attempt means the server does not speak the version it was offered */
    static boolean refusesVersion(Throwable failure) {
        return failure instanceof NoConnAckException
            || failure instanceof ConnectionRefusedException refused && refused.refusesProtocolVersion();
    }

    /**
     * An attempt failed.
     *
     * @return whether to try again at once with MQTT 3.1.1: {@code auto} offered 5 and the server refused it
     */
    boolean attemptFailed(ServerAddress server, ProtocolVersion offered, Throwable failure) {
        if (choice == ProtocolChoice.AUTO && offered == ProtocolVersion.MQTT_5 && refusesVersion(failure)) {
            fallenBack.put(server, false);
            return true;
        }
        if (offered == ProtocolVersion.MQTT_3_1_1 && Boolean.FALSE.equals(fallenBack.get(server))) {
            fallenBack.remove(server);
        }
        return false;
    }

    void connected(ServerAddress server, ProtocolVersion version) {
        if (version == ProtocolVersion.MQTT_3_1_1 && fallenBack.containsKey(server)) {
            fallenBack.put(server, true);
        }
    }
}
