package dev.tether.mqtt.internal.topic;

import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 rules for topic names (publish) and topic filters (subscribe), and the characters the
 * MQTT client (Paho 1.2.5) can send: a topic it cannot encode would fail on its sender thread and
 * drop the connection, after every reconnect again while the message stays queued.
 */
public final class Topics {

    public static final int MAX_LENGTH = 65535;

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

    /** @throws IllegalArgumentException unless qos is 0, 1 or 2 */
    public static void requireValidQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("invalid QoS " + qos + ": must be 0, 1 or 2");
        }
    }

    /**
     * @return the value in quotes for an error message: control characters and those the MQTT client
     *     cannot send written as Java unicode escapes, a long value cut after 100 characters with its length
     */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), SHOWN_CHARS) + 40).append('\'');
        int shown = Math.min(value.length(), SHOWN_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || !unsendable(c).isEmpty()) {
                quoted.append(String.format("\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
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
     * @return why the MQTT client cannot send it, or null when it can
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
            String unsendable = unsendable(c);
            if (!unsendable.isEmpty()) {
                return String.format("must not contain %s (U+%04X at index %d): the MQTT client cannot send it",
                    unsendable, topic.codePointAt(i), i);
            }
        }
        return null;
    }

    /**
     * Paho 1.2.5 ({@code MqttWireMessage.validateUTF8String}) refuses every surrogate, so every
     * character beyond U+FFFF, and every character from U+FDD0 up.
     *
     * @return what kind of character Paho cannot send, or "" when it can
     */
    private static String unsendable(char c) {
        if (Character.isSurrogate(c)) {
            return "a character beyond U+FFFF (such as an emoji) or a lone surrogate";
        }
        if (c >= '\uFDD0') {
            return "a character from U+FDD0 to U+FFFF";
        }
        return "";
    }
}
