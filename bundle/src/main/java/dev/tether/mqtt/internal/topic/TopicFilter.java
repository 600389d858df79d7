package dev.tether.mqtt.internal.topic;

/**
 * A valid topic filter, split into levels once so matching a topic costs no allocation but the split. A shared
 * subscription {@code $share/<group>/<filter>} (MQTT 5, and MQTT 3.1.1 brokers such as Mosquitto 2) is sent to the
 * broker as written and matches topics by its {@code <filter>}.
 */
public final class TopicFilter {

    private static final String SHARE_PREFIX = "$share/";

    private final String filter;
    private final String[] levels;

    private TopicFilter(String filter) {
        this.filter = filter;
        this.levels = matchedPart(filter).split("/", -1);
    }

    /** @return the part of the filter that topics are matched against */
    private static String matchedPart(String filter) {
        return filter.startsWith(SHARE_PREFIX)
            ? filter.substring(filter.indexOf('/', SHARE_PREFIX.length()) + 1) : filter;
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
        // wildcards at the first level do not match topics starting with '$' (4.7.2)
        if (topic.startsWith("$") && (levels[0].equals("+") || levels[0].equals("#"))) {
            return false;
        }
        int start = 0;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                return true;
            }
            if (start > topic.length()) {
                // topic has fewer levels; "a/#" matches "a" because '#' includes the parent
                return false;
            }
            int end = topic.indexOf('/', start);
            if (end < 0) {
                end = topic.length();
            }
            if (!level.equals("+") && !topic.regionMatches(start, level, 0, level.length())
                    || !level.equals("+") && level.length() != end - start) {
                return false;
            }
            start = end + 1;
        }
        return start == topic.length() + 1;
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
