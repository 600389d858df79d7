package dev.tether.mqtt.internal.topic;

/**
 * A valid topic filter, matched against topics level by level in place, without splitting either: a thousand
 * subscriptions keep a thousand strings and nothing more. A shared
 * subscription {@code $share/<group>/<filter>} (MQTT 5, and MQTT 3.1.1 brokers such as Mosquitto 2) is sent to the
 * broker as written and matches topics by its {@code <filter>}.
 */
public final class TopicFilter {

    /** What a shared subscription starts with. */
    public static final String SHARE_PREFIX = "$share/";

    private final String filter;
    /** Where the part of the filter that topics are matched against starts (after {@code $share/<group>/}). */
    private final int matchedFrom;

    private TopicFilter(String filter) {
        this.filter = filter;
        this.matchedFrom = filter.startsWith(SHARE_PREFIX) ? filter.indexOf('/', SHARE_PREFIX.length()) + 1 : 0;
    }

    /** @throws IllegalArgumentException if the filter is invalid */
    public static TopicFilter of(String filter) {
        Topics.requireValidFilter(filter);
        if (filter.startsWith(SHARE_PREFIX)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            String group = groupEnd < 0 ? "" : filter.substring(SHARE_PREFIX.length(), groupEnd);
            if (group.isEmpty() || group.contains("+") || group.contains("#") || groupEnd == filter.length() - 1) {
                throw new IllegalArgumentException("invalid shared subscription '" + filter
                    + "': expected $share/<group>/<filter>, with a group name without wildcards");
            }
        }
        return new TopicFilter(filter);
    }

    public String filter() {
        return filter;
    }

    /** @return whether a message published to {@code topic} matches this filter (MQTT 3.1.1 section 4.7) */
    public boolean matches(String topic) {
        int level = matchedFrom;
        // wildcards at the first level do not match topics starting with '$' (4.7.2)
        if (topic.startsWith("$") && isWildcardLevel(level)) {
            return false;
        }
        int topicLevel = 0;
        while (true) {
            int levelEnd = end(filter, level);
            if (levelEnd - level == 1 && filter.charAt(level) == '#') {
                // '#' also matches the parent level: "a/#" matches "a"
                return true;
            }
            if (topicLevel > topic.length()) {
                return false;
            }
            int topicLevelEnd = end(topic, topicLevel);
            boolean plus = levelEnd - level == 1 && filter.charAt(level) == '+';
            if (!plus && (levelEnd - level != topicLevelEnd - topicLevel
                    || !topic.regionMatches(topicLevel, filter, level, levelEnd - level))) {
                return false;
            }
            topicLevel = topicLevelEnd + 1;
            if (levelEnd == filter.length()) {
                return topicLevel == topic.length() + 1;
            }
            level = levelEnd + 1;
        }
    }

    private boolean isWildcardLevel(int level) {
        char first = filter.charAt(level);
        return (first == '+' || first == '#') && end(filter, level) == level + 1;
    }

    /** @return where the level starting at {@code start} ends: the next '/', or the end of the string */
    private static int end(String value, int start) {
        int slash = value.indexOf('/', start);
        return slash < 0 ? value.length() : slash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter that && filter.equals(that.filter);
    }

    @Override
    public int hashCode() {
        return filter.hashCode();
    }

    @Override
    public String toString() {
        return filter;
    }
}
