package dev.tether.mqtt.internal.topic;

/** A valid topic filter, split into levels once so matching a topic costs no allocation but the split. */
public final class TopicFilter {

    private final String filter;
    private final String[] levels;

    private TopicFilter(String filter) {
        this.filter = filter;
        this.levels = filter.split("/", -1);
    }

    /** @throws IllegalArgumentException if the filter is invalid */
    public static TopicFilter of(String filter) {
        Topics.requireValidFilter(filter);
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
