package dev.tether.mqtt.internal.codec;

import java.io.IOException;

/**
 * The peer sent bytes that are not a valid MQTT packet, or a packet it must not send. The connection cannot
 * go on: the reader drops it. Carries the MQTT 5 reason code that names the kind of fault.
 */
public final class MalformedPacketException extends IOException {

    private static final long serialVersionUID = 1L;

    /** MQTT 5 reason code: the bytes do not follow the specification. */
    public static final int MALFORMED_PACKET = 0x81;
    /** MQTT 5 reason code: a well-formed packet that breaks the protocol (a type a client never receives). */
    public static final int PROTOCOL_ERROR = 0x82;
    /** MQTT 5 reason code: a CONNECT of a protocol level this server does not speak (MQTT 5.0, 3.1.2.2). */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    /** MQTT 5 reason code: the packet is larger than the receiver accepts. */
    public static final int PACKET_TOO_LARGE = 0x95;

    private final int reasonCode;

    public MalformedPacketException(int reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    static MalformedPacketException malformed(String message) {
        return new MalformedPacketException(MALFORMED_PACKET, message);
    }

    static MalformedPacketException protocolError(String message) {
        return new MalformedPacketException(PROTOCOL_ERROR, message);
    }

    public int reasonCode() {
        return reasonCode;
    }
}
