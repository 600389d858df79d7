package dev.tether.mqtt.internal.session;

import java.io.IOException;
import java.util.Optional;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.ReasonCodes;

/** The broker answered CONNECT with a CONNACK that refuses the connection. */
public final class ConnectionRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** MQTT 3.1.1's return code for a protocol level the broker does not speak. */
    private static final int UNACCEPTABLE_PROTOCOL_VERSION = 1;

    private final int returnCode;
    private final String serverReference;

    ConnectionRefusedException(ConnAck connAck) {
        super(connAck.describe());
        this.returnCode = connAck.returnCode();
        this.serverReference = connAck.properties().string(PropertyIds.SERVER_REFERENCE).orElse(null);
    }

    /** @return an MQTT 3.1.1 return code (1 to 5), or an MQTT 5 reason code (0x80 and above) */
    public int returnCode() {
        return returnCode;
    }

    /**
     * @return whether the broker refused who the client is, which retrying soon does not fix: 3.1.1's identifier
     *         rejected, bad user name or password, not authorized (2, 4, 5); MQTT 5's client identifier not valid, bad
     *         user name or password, not authorized, banned, bad authentication method (0x85, 0x86, 0x87, 0x8A, 0x8C)
     */
    public boolean refusesCredentials() {
        return switch (returnCode) {
            case 2, 4, 5, ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID, ReasonCodes.BAD_USER_NAME_OR_PASSWORD,
                ReasonCodes.NOT_AUTHORIZED, ReasonCodes.BANNED, ReasonCodes.BAD_AUTHENTICATION_METHOD -> true;
            default -> false;
        };
    }

    /** @return whether the broker does not speak the MQTT version of the CONNECT (3.1.1's 1, MQTT 5's 0x84) */
    public boolean refusesProtocolVersion() {
        return returnCode == UNACCEPTABLE_PROTOCOL_VERSION || returnCode == ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION;
    }

    /** @return the Server Reference of a Use another server (0x9C) or Server moved (0x9D) */
    public Optional<String> serverReference() {
        return Optional.ofNullable(serverReference);
    }
}
