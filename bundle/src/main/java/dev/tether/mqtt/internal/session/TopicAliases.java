package dev.tether.mqtt.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.Publish;

/**
 * The topic aliases this client gives the broker on one network connection (MQTT 5.0, 3.3.2.3.4): the first
 * PUBLISH to a topic carries the topic and a new alias, later ones the alias and an empty topic, which saves the
 * topic's bytes on every repeated message. Aliases are handed out first come, first served, up to the broker's
 * Topic Alias Maximum and {@value #MOST} at most; a topic that finds no free alias goes out in full. They last as
 * long as the connection [MQTT-3.3.2-7]. Not thread safe: used under the lock that also orders the writes, since a
 * PUBLISH using an alias must follow the one that set it; a new alias counts only once its PUBLISH was encoded
 * ({@link #commit}), so a PUBLISH that could not be sent never leaves an alias the broker does not know.
 */
final class TopicAliases {

    /** Aliases kept at most, so that a client publishing to ever new topics keeps a small table. */
    static final int MOST = 256;

    /** How a PUBLISH names its topic: {@code alias} 0 for none, {@code fresh} when it sets up a new alias. */
    record Choice(String topic, int alias, boolean fresh) {
    }

    private final int maximum;
    private final Map<String, Integer> aliases = new HashMap<>();
    /** The properties of a PUBLISH that has no other: one per alias, made once. */
    private final Properties[] aliasOnly;

    /** @param brokerMaximum the broker's Topic Alias Maximum; 0: it takes none */
    TopicAliases(int brokerMaximum) {
        this.maximum = Math.min(brokerMaximum, MOST);
        this.aliasOnly = new Properties[maximum + 1];
    }

    /** @return whether the broker takes aliases at all */
    boolean enabled() {
        return maximum > 0;
    }

    /**
     * @return how to send a PUBLISH to this topic: the topic with a new alias, an empty topic with a known alias, or
     *         the topic alone ({@code alias} 0)
     */
    Choice choose(String topic) {
        Integer known = aliases.get(topic);
        if (known != null) {
            return new Choice("", known, false);
        }
        if (aliases.size() < maximum) {
            return new Choice(topic, aliases.size() + 1, true);
        }
        return new Choice(topic, 0, false);
    }

    /** The PUBLISH of a choice was encoded: a fresh alias is known to the broker from now on. */
    void commit(String topic, Choice choice) {
        if (choice.fresh()) {
            aliases.put(topic, choice.alias());
        }
    }

    /** @return the PUBLISH as the choice sends it */
    Publish apply(Publish publish, Choice choice) {
        if (choice.alias() == 0) {
            return publish;
        }
        return new Publish(choice.topic(), publish.payload(), publish.qos(), publish.retain(), publish.duplicate(),
            publish.packetId(), withAlias(publish.properties(), choice.alias()));
    }

    private Properties withAlias(Properties properties, int alias) {
        if (properties.isEmpty()) {
            Properties only = aliasOnly[alias];
            if (only == null) {
                only = Properties.builder().integer(PropertyIds.TOPIC_ALIAS, alias).build();
                aliasOnly[alias] = only;
            }
            return only;
        }
        List<Properties.Property> entries = new ArrayList<>(properties.entries().size() + 1);
        entries.add(new Properties.Property(PropertyIds.TOPIC_ALIAS, alias));
        entries.addAll(properties.entries());
        return new Properties(entries);
    }
}
