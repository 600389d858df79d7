package dev.tether.mqtt.internal.codec;

import java.util.EnumMap;
import java.util.Map;

/**
 * The MQTT 5 reason codes (MQTT 5.0, 2.4), their names for messages ("0x87 not authorized") and which packets
 * may carry each. A code of 0x80 or more reports a failure; below, a success.
 */
public final class ReasonCodes {

    public static final int SUCCESS = 0x00;
    public static final int NORMAL_DISCONNECTION = 0x00;
    public static final int GRANTED_QOS_0 = 0x00;
    public static final int GRANTED_QOS_1 = 0x01;
    public static final int GRANTED_QOS_2 = 0x02;
    public static final int DISCONNECT_WITH_WILL_MESSAGE = 0x04;
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    public static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    public static final int CONTINUE_AUTHENTICATION = 0x18;
    public static final int RE_AUTHENTICATE = 0x19;
    public static final int UNSPECIFIED_ERROR = 0x80;
    public static final int MALFORMED_PACKET = 0x81;
    public static final int PROTOCOL_ERROR = 0x82;
    public static final int IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    public static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    public static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    public static final int NOT_AUTHORIZED = 0x87;
    public static final int SERVER_UNAVAILABLE = 0x88;
    public static final int SERVER_BUSY = 0x89;
    public static final int BANNED = 0x8A;
    public static final int SERVER_SHUTTING_DOWN = 0x8B;
    public static final int BAD_AUTHENTICATION_METHOD = 0x8C;
    public static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    public static final int SESSION_TAKEN_OVER = 0x8E;
    public static final int TOPIC_FILTER_INVALID = 0x8F;
    public static final int TOPIC_NAME_INVALID = 0x90;
    public static final int PACKET_IDENTIFIER_IN_USE = 0x91;
    public static final int PACKET_IDENTIFIER_NOT_FOUND = 0x92;
    public static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    public static final int TOPIC_ALIAS_INVALID = 0x94;
    public static final int PACKET_TOO_LARGE = 0x95;
    public static final int MESSAGE_RATE_TOO_HIGH = 0x96;
    public static final int QUOTA_EXCEEDED = 0x97;
    public static final int ADMINISTRATIVE_ACTION = 0x98;
    public static final int PAYLOAD_FORMAT_INVALID = 0x99;
    public static final int RETAIN_NOT_SUPPORTED = 0x9A;
    public static final int QOS_NOT_SUPPORTED = 0x9B;
    public static final int USE_ANOTHER_SERVER = 0x9C;
    public static final int SERVER_MOVED = 0x9D;
    public static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;
    public static final int CONNECTION_RATE_EXCEEDED = 0x9F;
    public static final int MAXIMUM_CONNECT_TIME = 0xA0;
    public static final int SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED = 0xA1;
    public static final int WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED = 0xA2;

    private static final String[] NAMES = new String[256];
    private static final Map<PacketType, boolean[]> VALID = new EnumMap<>(PacketType.class);

    static {
        String[] names = {"success", "granted QoS 1", "granted QoS 2", null, "disconnect with will message"};
        System.arraycopy(names, 0, NAMES, 0, names.length);
        NAMES[0x10] = "no matching subscribers";
        NAMES[0x11] = "no subscription existed";
        NAMES[0x18] = "continue authentication";
        NAMES[0x19] = "re-authenticate";
        String[] failures = {"unspecified error", "malformed packet", "protocol error",
            "implementation specific error", "unsupported protocol version", "client identifier not valid",
            "bad user name or password", "not authorized", "server unavailable", "server busy", "banned",
            "server shutting down", "bad authentication method", "keep alive timeout", "session taken over",
            "topic filter invalid", "topic name invalid", "packet identifier in use", "packet identifier not found",
            "receive maximum exceeded", "topic alias invalid", "packet too large", "message rate too high",
            "quota exceeded", "administrative action", "payload format invalid", "retain not supported",
            "QoS not supported", "use another server", "server moved", "shared subscriptions not supported",
            "connection rate exceeded", "maximum connect time", "subscription identifiers not supported",
            "wildcard subscriptions not supported"};
        System.arraycopy(failures, 0, NAMES, 0x80, failures.length);
        // the table of MQTT 5.0, 2.4, by packet
        valid(PacketType.CONNACK, 0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90,
            0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F);
        valid(PacketType.PUBACK, 0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
        valid(PacketType.PUBREC, 0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
        valid(PacketType.PUBREL, 0x00, 0x92);
        valid(PacketType.PUBCOMP, 0x00, 0x92);
        valid(PacketType.SUBACK, 0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2);
        valid(PacketType.UNSUBACK, 0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91);
        valid(PacketType.DISCONNECT, 0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90,
            0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2);
        valid(PacketType.AUTH, 0x00, 0x18, 0x19);
    }

    private ReasonCodes() {
    }

    private static void valid(PacketType type, int... codes) {
        boolean[] valid = new boolean[256];
        for (int code : codes) {
            valid[code] = true;
        }
        VALID.put(type, valid);
    }

    /** @return the code's name ("not authorized"), 0x00 as "success"; "unknown reason code" for one MQTT 5 lacks */
    public static String name(int code) {
        String name = code >= 0 && code < NAMES.length ? NAMES[code] : null;
        return name == null ? "unknown reason code" : name;
    }

    /** @return the code's name as that packet means it: 0x00 is "normal disconnection" in a DISCONNECT */
    public static String name(PacketType type, int code) {
        if (code == 0 && type == PacketType.DISCONNECT) {
            return "normal disconnection";
        }
        if (code == 0 && type == PacketType.SUBACK) {
            return "granted QoS 0";
        }
        return name(code);
    }

    /** @return the code in hex with its name, for messages: "0x87 not authorized" */
    public static String describe(int code) {
        return "0x" + PropertyIds.hex(code) + " " + name(code);
    }

    /** @return the code in hex with its name as that packet means it */
    public static String describe(PacketType type, int code) {
        return "0x" + PropertyIds.hex(code) + " " + name(type, code);
    }

    /** @return whether the packet may carry the code (MQTT 5.0, 2.4); false for packets without reason codes */
    public static boolean validFor(PacketType type, int code) {
        boolean[] valid = VALID.get(type);
        return valid != null && code >= 0 && code < valid.length && valid[code];
    }

    /** @return whether the code reports a failure: 0x80 and above (MQTT 5.0, 2.4) */
    public static boolean isFailure(int code) {
        return code >= 0x80;
    }
}
