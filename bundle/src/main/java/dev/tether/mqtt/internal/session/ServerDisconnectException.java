package dev.tether.mqtt.internal.session;

import java.io.IOException;
import java.util.Optional;

import dev.tether.mqtt.internal.codec.Disconnect;
import dev.tether.mqtt.internal.codec.PacketType;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.ReasonCodes;

/** The broker ended the connection with an MQTT 5 DISCONNECT (MQTT 5.0, 3.14): its reason code and words. */
public final class ServerDisconnectException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int reasonCode;
    private final String serverReference;

    ServerDisconnectException(Disconnect disconnect) {
        super("the broker disconnected the client: " + ReasonCodes.describe(PacketType.DISCONNECT, disconnect.reasonCode())
            + disconnect.properties().string(PropertyIds.REASON_STRING).map(reason -> ": " + reason).orElse(""));
        this.reasonCode = disconnect.reasonCode();
        this.serverReference = disconnect.properties().string(PropertyIds.SERVER_REFERENCE).orElse(null);
    }

    /** @return the DISCONNECT's reason code, for example 0x8E Session taken over or 0x8B Server shutting down */
    public int reasonCode() {
        return reasonCode;
    }

    /** @return whether another connection with the same client id took the session over (0x8E) */
    public boolean sessionTakenOver() {
        return reasonCode == ReasonCodes.SESSION_TAKEN_OVER;
    }

    /** @return the Server Reference of a Use another server (0x9C) or Server moved (0x9D) */
    public Optional<String> serverReference() {
        return Optional.ofNullable(serverReference);
    }
}
