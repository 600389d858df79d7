package dev.tether.mqtt.internal.topic;

import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 rules for topic names (publish) and topic filters (subscribe), and for every string MQTT carries
 * (MQTT 3.1.1, 1.5.3): well-formed UTF-8, so characters beyond U+FFFF such as emoji are fine, but no U+0000 and
 * no lone surrogate; and none of the control characters and noncharacters a broker may close the connection for.
 * Checked when a value enters Tether, so that no queued message can fail later, after every reconnect again.
 */
public final class Topics {

    public static final int MAX_LENGTH = 65535;
    /** Most bytes after the fixed header of an MQTT packet (MQTT 3.1.1, 2.2.3). */
    private static final int MAX_REMAINING_LENGTH = 268_435_455;

    /** Characters of a value shown in a message; a longer value is cut. */
    private static final int SHOWN_CHARS = 100;

    private Topics() {
    }

    /** @return why the topic name is invalid for publishing, or null when it is valid */
    public static String topicProblem(String topic) {
        String common = commonProblem(topic, "topic");
        if (common != null) {
            return common;
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return "must not contain the wildcards + or #";
        }
        return null;
    }

    /** @return why the topic filter is invalid for subscribing, or null when it is valid */
    public static String filterProblem(String filter) {
        String common = commonProblem(filter, "topicFilter");
        if (common != null) {
            return common;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "# must be a whole level and the last one";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "+ must be a whole level";
            }
        }
        return null;
    }

    /** @throws IllegalArgumentException naming the topic and the rule it breaks */
    public static void requireValidTopic(String topic) {
        String problem = topicProblem(topic);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic " + quote(topic) + ": " + problem);
        }
    }

    /** @throws IllegalArgumentException naming the filter and the rule it breaks */
    public static void requireValidFilter(String filter) {
        String problem = filterProblem(filter);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic filter " + quote(filter) + ": " + problem);
        }
    }

    /**
     * @throws IllegalArgumentException when the payload does not fit into one MQTT packet to the (valid) topic:
     *     refused when published, not when sent, which would fail after every reconnect again
     */
    public static void requirePayloadFits(String topic, byte[] payload, int qos) {
        if (payload.length > MAX_REMAINING_LENGTH - 2 - 2 - 3 * topic.length()
                && payload.length > largestPayload(topic, qos)) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes is too large: an MQTT packet"
                + " to " + quote(topic) + " at QoS " + qos + " holds at most " + largestPayload(topic, qos) + " bytes");
        }
    }

    /** @return the largest payload a PUBLISH to a valid topic can carry at the given QoS */
    public static int largestPayload(String topic, int qos) {
        int packetId = qos > 0 ? 2 : 0;
        return MAX_REMAINING_LENGTH - 2 - topic.getBytes(StandardCharsets.UTF_8).length - packetId;
    }

    /** @throws IllegalArgumentException unless qos is 0, 1 or 2 */
    public static void requireValidQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("invalid QoS " + qos + ": must be 0, 1 or 2");
        }
    }

    /**
     * @return the text made into one topic level that no broker treats specially: '/', '+' and '#' become '_', and so
     *         does a leading '$'
     */
    public static String asTopicLevel(String text) {
        String level = text.replace('/', '_').replace('+', '_').replace('#', '_');
        return level.startsWith("$") ? "_" + level.substring(1) : level;
    }

    /**
     * @return the value in quotes for an error message: control characters and those MQTT cannot carry
     *     written as Java unicode escapes, a long value cut after 100 characters with its length
     */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), SHOWN_CHARS) + 40).append('\'');
        int shown = Math.min(value.length(), SHOWN_CHARS);
        for (int i = 0; i < shown; ) {
            int codePoint = value.codePointAt(i);
            int chars = Character.charCount(codePoint);
            if (Character.isISOControl(codePoint) || !unsendable(value, i).isEmpty()) {
                for (int k = i; k < i + chars; k++) {
                    quoted.append(String.format("\\u%04X", (int) value.charAt(k)));
                }
            } else {
                quoted.appendCodePoint(codePoint);
            }
            i += chars;
        }
        quoted.append('\'');
        if (value.length() > shown) {
            quoted.insert(quoted.length() - 1, "...").append(" (").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }

    private static String commonProblem(String topic, String argument) {
        if (topic == null) {
            throw new NullPointerException(argument);
        }
        if (topic.isEmpty()) {
            return "must not be empty";
        }
        return stringProblem(topic);
    }

    /**
     * @param topic a string MQTT carries in a packet (topic, client id, user name, password)
     * @return why it cannot be sent, or null when it can
     */
    public static String stringProblem(String topic) {
        if (topic.indexOf('\u0000') >= 0) {
            return "must not contain the NUL character (U+0000)";
        }
        if (topic.length() > MAX_LENGTH / 3 && topic.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return "is longer than 65535 bytes in UTF-8";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("must not contain the control character U+%04X (at index %d)", (int) c, i);
            }
            String unsendable = unsendable(topic, i);
            if (!unsendable.isEmpty()) {
                return String.format("must not contain %s (U+%04X at index %d) [MQTT-1.5.3]", unsendable,
                    topic.codePointAt(i), i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < topic.length()) {
                i++;
            }
        }
        return null;
    }

    /**
     * A lone surrogate has no UTF-8 form [MQTT-1.5.3-1]; noncharacters (U+FDD0 to U+FDEF, and the last two code
     * points of every plane, such as U+FFFF) are ones MQTT says not to send.
     *
     * @return what kind of character at {@code index} MQTT cannot carry, or "" when it can
     */
    private static String unsendable(String value, int index) {
        int codePoint = value.codePointAt(index);
        if (Character.charCount(codePoint) == 1 && Character.isSurrogate((char) codePoint)) {
            return "a lone surrogate, which is not a character";
        }
        if (codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE) {
            return "a noncharacter";
        }
        return "";
    }
}
