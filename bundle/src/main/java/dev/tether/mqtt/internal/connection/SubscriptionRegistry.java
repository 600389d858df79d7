package dev.tether.mqtt.internal.connection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.SubscriptionOptions.RetainHandling;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.internal.topic.TopicFilter;

/**
 * Every live subscriber of one connection, and what that means at the broker: one subscription
 * per distinct filter at the highest QoS any subscriber asked for. Thread safe; reads are lock free
 * because messages arrive far more often than subscribers change.
 */
final class SubscriptionRegistry {

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    void add(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    void remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** @return the subscribers now, as a snapshot that later changes do not affect */
    List<Subscriber> subscribers() {
        return Collections.unmodifiableList(subscribers);
    }

    /** @return each filter wanted at the broker, with the highest QoS asked for it */
    Map<String, Integer> desiredFilters() {
        Map<String, Integer> desired = new HashMap<>();
        desiredOptions().forEach((filter, options) -> desired.put(filter, options.qos()));
        return desired;
    }

    /** @return each filter wanted at the broker, with its subscribers' options combined (see {@link #combine}) */
    Map<String, SubscriptionOptions> desiredOptions() {
        Map<String, SubscriptionOptions> desired = new HashMap<>();
        for (Subscriber subscriber : subscribers) {
            for (TopicFilter filter : subscriber.filters()) {
                desired.merge(filter.filter(), subscriber.options(), SubscriptionRegistry::combine);
            }
        }
        return desired;
    }

    /**
     * What one broker subscription gives two subscribers of the same filter, so neither misses what it asked for:
     * the higher QoS, No Local only when both ask for it, Retain As Published when either does, and the retain
     * handling that sends retained messages the most often. A subscriber that asked for less filters nothing out.
     */
    static SubscriptionOptions combine(SubscriptionOptions one, SubscriptionOptions other) {
        RetainHandling handling = one.retainHandling().ordinal() <= other.retainHandling().ordinal()
            ? one.retainHandling() : other.retainHandling();
        return new SubscriptionOptions(Math.max(one.qos(), other.qos()), one.noLocal() && other.noLocal(),
            one.retainAsPublished() || other.retainAsPublished(), handling);
    }

    /**
     * @param answers what the broker answered for each filter in the current session
     * @return each filter wanted at the broker with its QoS, how many subscribers share it and what the broker
     *     answered, sorted by filter
     */
    List<SubscriptionStatus> status(FilterStatus.BrokerAnswers answers) {
        Map<String, int[]> qosAndCount = new TreeMap<>();
        for (Subscriber subscriber : subscribers) {
            for (TopicFilter filter : subscriber.filters()) {
                int[] entry = qosAndCount.computeIfAbsent(filter.filter(), f -> new int[2]);
                entry[0] = Math.max(entry[0], subscriber.qos());
                entry[1]++;
            }
        }
        List<SubscriptionStatus> status = new ArrayList<>(qosAndCount.size());
        qosAndCount.forEach((filter, entry) -> {
            status.add(new FilterStatus(filter, entry[0], entry[1], answers.granted(filter), answers.refusal(filter),
                answers.identifier(filter)));
        });
        return List.copyOf(status);
    }

    /** @see #dispatch(MqttMessage, IntFunction) */
    int dispatch(MqttMessage message) {
        return dispatch(message, identifier -> null);
    }

    /**
     * Hands the message to every subscriber whose filters match it. A message that carries MQTT 5 Subscription
     * Identifiers goes to the subscribers of exactly those broker subscriptions: with overlapping filters, a
     * subscriber whose own subscription excluded the message (No Local, say) does not get it through another's. Each
     * subscriber gets its own payload array (the first one the received array), copied before any listener can change
     * it.
     *
     * @param filterOf the filter a Subscription Identifier of the current session stands for, or null
     * @return how many subscribers it went to
     */
    int dispatch(MqttMessage message, IntFunction<String> filterOf) {
        List<String> subscribed = subscribedFilters(message, filterOf);
        Subscriber first = null;
        List<Subscriber> more = null;
        for (Subscriber subscriber : subscribers) {
            if (subscribed == null ? !subscriber.matches(message.topic()) : !subscriber.subscribedToAny(subscribed)) {
                continue;
            }
            if (first == null) {
                first = subscriber;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                }
                more.add(subscriber);
            }
        }
        if (first == null) {
            return 0;
        }
        if (more == null) {
            first.deliver(message);
            return 1;
        }
        List<MqttMessage> copies = new ArrayList<>(more.size());
        for (int i = 0; i < more.size(); i++) {
            copies.add(copy(message));
        }
        first.deliver(message);
        for (int i = 0; i < more.size(); i++) {
            more.get(i).deliver(copies.get(i));
        }
        return 1 + more.size();
    }

    /** @return the filters the message's identifiers stand for; null to match by topic (none, or one unknown) */
    private static List<String> subscribedFilters(MqttMessage message, IntFunction<String> filterOf) {
        List<Integer> identifiers = message.subscriptionIdentifiers();
        if (identifiers.isEmpty()) {
            return null;
        }
        List<String> filters = new ArrayList<>(identifiers.size());
        for (int identifier : identifiers) {
            String filter = filterOf.apply(identifier);
            if (filter == null) {
                // from a session of an earlier run, say: the topic still says who wants it
                return null;
            }
            filters.add(filter);
        }
        return filters;
    }

    private static MqttMessage copy(MqttMessage message) {
        return new MqttMessage(message.topic(), message.payload().clone(), message.qos(), message.retained(),
            message.duplicate(), message.properties(), message.subscriptionIdentifiers());
    }

    void closeAll() {
        subscribers.forEach(Subscriber::close);
    }
}
