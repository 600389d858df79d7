package dev.tether.mqtt.internal.topic;

import java.nio.charset.StandardCharsets;

/** MQTT 3.1.1 rules for topic names (publish) and topic filters (subscribe). */
public final class Topics {

    public static final int MAX_LENGTH = 65535;

    private Topics() {
    }

    /** @return why the topic name is invalid for publishing, or null when it is valid */
    public static String topicProblem(String topic) {
        String common = commonProblem(topic);
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
        String common = commonProblem(filter);
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
            throw new IllegalArgumentException("invalid topic '" + topic + "': " + problem);
        }
    }

    /** @throws IllegalArgumentException naming the filter and the rule it breaks */
    public static void requireValidFilter(String filter) {
        String problem = filterProblem(filter);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic filter '" + filter + "': " + problem);
        }
    }

    /** @throws IllegalArgumentException unless qos is 0, 1 or 2 */
    public static void requireValidQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("invalid QoS " + qos + ": must be 0, 1 or 2");
        }
    }

    private static String commonProblem(String topic) {
        if (topic == null) {
            throw new NullPointerException("topic");
        }
        if (topic.isEmpty()) {
            return "must not be empty";
        }
        if (topic.indexOf('\u0000') >= 0) {
            return "must not contain the NUL character";
        }
        if (topic.length() > MAX_LENGTH / 3 && topic.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return "is longer than 65535 bytes in UTF-8";
        }
        return null;
    }
}
