package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.PacketType.AUTH;
import static dev.tether.mqtt.internal.codec.PacketType.CONNACK;
import static dev.tether.mqtt.internal.codec.PacketType.CONNECT;
import static dev.tether.mqtt.internal.codec.PacketType.DISCONNECT;
import static dev.tether.mqtt.internal.codec.PacketType.PUBACK;
import static dev.tether.mqtt.internal.codec.PacketType.PUBCOMP;
import static dev.tether.mqtt.internal.codec.PacketType.PUBLISH;
import static dev.tether.mqtt.internal.codec.PacketType.PUBREC;
import static dev.tether.mqtt.internal.codec.PacketType.PUBREL;
import static dev.tether.mqtt.internal.codec.PacketType.SUBACK;
import static dev.tether.mqtt.internal.codec.PacketType.SUBSCRIBE;
import static dev.tether.mqtt.internal.codec.PacketType.UNSUBACK;
import static dev.tether.mqtt.internal.codec.PacketType.UNSUBSCRIBE;
import static dev.tether.mqtt.internal.codec.PropertyType.BINARY_DATA;
import static dev.tether.mqtt.internal.codec.PropertyType.BYTE;
import static dev.tether.mqtt.internal.codec.PropertyType.FOUR_BYTE_INTEGER;
import static dev.tether.mqtt.internal.codec.PropertyType.TWO_BYTE_INTEGER;
import static dev.tether.mqtt.internal.codec.PropertyType.UTF8_STRING;
import static dev.tether.mqtt.internal.codec.PropertyType.UTF8_STRING_PAIR;
import static dev.tether.mqtt.internal.codec.PropertyType.VARIABLE_BYTE_INTEGER;

/**
 * The MQTT 5 property identifiers, named as the specification names them, and the table of MQTT 5.0, 2.2.2.2: the
 * data type of each and the packets it may appear in. A place is a packet type, or {@link #WILL} for the will
 * properties in the CONNECT payload (3.1.3.2).
 */
public final class PropertyIds {

    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int AUTHENTICATION_METHOD = 0x15;
    public static final int AUTHENTICATION_DATA = 0x16;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int WILL_DELAY_INTERVAL = 0x18;
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    public static final int RESPONSE_INFORMATION = 0x1A;
    public static final int SERVER_REFERENCE = 0x1C;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int RETAIN_AVAILABLE = 0x25;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    public static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    /** The place of the will properties; 0 is no packet type (it is reserved). */
    public static final int WILL = 0;

    /**
     * One row of the table.
     *
     * @param id     the identifier
     * @param name   as the specification names it
     * @param type   the data type of its value
     * @param min    the smallest value allowed, for numbers (1 where the specification forbids 0)
     * @param max    the largest value allowed, for numbers (1 for the flags that are 0 or 1)
     * @param places a bit per place it may appear in: {@code 1 << type.code()}, {@code 1 << WILL}
     */
    public record Definition(int id, String name, PropertyType type, long min, long max, int places) {

        /** @return whether it may appear in the place: a packet type's code, or {@link #WILL} */
        public boolean allowedIn(int place) {
            return (places & 1 << place) != 0;
        }
    }

    private static final Definition[] TABLE = new Definition[0x2B];

    static {
        int will = 1 << WILL;
        int every = will | in(CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK,
            UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH);
        // every property of type Byte is a flag or a QoS that is 0 or 1; values beyond are a Protocol Error
        define(PAYLOAD_FORMAT_INDICATOR, "Payload Format Indicator", BYTE, 0, 1, in(PUBLISH) | will);
        define(MESSAGE_EXPIRY_INTERVAL, "Message Expiry Interval", FOUR_BYTE_INTEGER, 0, in(PUBLISH) | will);
        define(CONTENT_TYPE, "Content Type", UTF8_STRING, 0, in(PUBLISH) | will);
        define(RESPONSE_TOPIC, "Response Topic", UTF8_STRING, 0, in(PUBLISH) | will);
        define(CORRELATION_DATA, "Correlation Data", BINARY_DATA, 0, in(PUBLISH) | will);
        define(SUBSCRIPTION_IDENTIFIER, "Subscription Identifier", VARIABLE_BYTE_INTEGER, 1, in(PUBLISH, SUBSCRIBE));
        define(SESSION_EXPIRY_INTERVAL, "Session Expiry Interval", FOUR_BYTE_INTEGER, 0,
            in(CONNECT, CONNACK, DISCONNECT));
        define(ASSIGNED_CLIENT_IDENTIFIER, "Assigned Client Identifier", UTF8_STRING, 0, in(CONNACK));
        define(SERVER_KEEP_ALIVE, "Server Keep Alive", TWO_BYTE_INTEGER, 0, in(CONNACK));
        define(AUTHENTICATION_METHOD, "Authentication Method", UTF8_STRING, 0, in(CONNECT, CONNACK, AUTH));
        define(AUTHENTICATION_DATA, "Authentication Data", BINARY_DATA, 0, in(CONNECT, CONNACK, AUTH));
        define(REQUEST_PROBLEM_INFORMATION, "Request Problem Information", BYTE, 0, 1, in(CONNECT));
        define(WILL_DELAY_INTERVAL, "Will Delay Interval", FOUR_BYTE_INTEGER, 0, will);
        define(REQUEST_RESPONSE_INFORMATION, "Request Response Information", BYTE, 0, 1, in(CONNECT));
        define(RESPONSE_INFORMATION, "Response Information", UTF8_STRING, 0, in(CONNACK));
        define(SERVER_REFERENCE, "Server Reference", UTF8_STRING, 0, in(CONNACK, DISCONNECT));
        define(REASON_STRING, "Reason String", UTF8_STRING, 0,
            in(CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH));
        define(RECEIVE_MAXIMUM, "Receive Maximum", TWO_BYTE_INTEGER, 1, in(CONNECT, CONNACK));
        define(TOPIC_ALIAS_MAXIMUM, "Topic Alias Maximum", TWO_BYTE_INTEGER, 0, in(CONNECT, CONNACK));
        define(TOPIC_ALIAS, "Topic Alias", TWO_BYTE_INTEGER, 1, in(PUBLISH));
        define(MAXIMUM_QOS, "Maximum QoS", BYTE, 0, 1, in(CONNACK));
        define(RETAIN_AVAILABLE, "Retain Available", BYTE, 0, 1, in(CONNACK));
        define(USER_PROPERTY, "User Property", UTF8_STRING_PAIR, 0, every);
        define(MAXIMUM_PACKET_SIZE, "Maximum Packet Size", FOUR_BYTE_INTEGER, 1, in(CONNECT, CONNACK));
        define(WILDCARD_SUBSCRIPTION_AVAILABLE, "Wildcard Subscription Available", BYTE, 0, 1, in(CONNACK));
        define(SUBSCRIPTION_IDENTIFIER_AVAILABLE, "Subscription Identifier Available", BYTE, 0, 1, in(CONNACK));
        define(SHARED_SUBSCRIPTION_AVAILABLE, "Shared Subscription Available", BYTE, 0, 1, in(CONNACK));
    }

    private PropertyIds() {
    }

    private static int in(PacketType... types) {
        int places = 0;
        for (PacketType type : types) {
            places |= 1 << type.code();
        }
        return places;
    }

    private static void define(int id, String name, PropertyType type, long min, int places) {
        define(id, name, type, min, type.max(), places);
    }

    private static void define(int id, String name, PropertyType type, long min, long max, int places) {
        TABLE[id] = new Definition(id, name, type, min, max, places);
    }

    /** @return the row of the identifier, or null when MQTT 5 defines none */
    public static Definition definition(int id) {
        return id >= 0 && id < TABLE.length ? TABLE[id] : null;
    }

    /** @return the row of the identifier; IllegalArgumentException when MQTT 5 defines none */
    static Definition require(int id) {
        Definition definition = definition(id);
        if (definition == null) {
            throw new IllegalArgumentException("0x" + hex(id) + " is not an MQTT 5 property identifier");
        }
        return definition;
    }

    /**
     * Only User Property repeats anywhere, and Subscription Identifier in a PUBLISH, where a message matched
     * several subscriptions (MQTT 5.0, 3.3.2.3.8); any other twice is a Protocol Error.
     */
    static boolean repeatable(int id, int place) {
        return id == USER_PROPERTY || id == SUBSCRIPTION_IDENTIFIER && place == PacketType.PUBLISH.code();
    }

    /** @return how a place is named in messages: "PUBLISH", "will properties" */
    static String placeName(int place) {
        return place == WILL ? "CONNECT's will properties" : PacketType.of(place).toString();
    }

    static String hex(int value) {
        return String.format("%02X", value);
    }
}
