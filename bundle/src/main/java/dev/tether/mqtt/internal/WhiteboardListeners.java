package dev.tether.mqtt.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.service.log.Logger;

import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.SubscriptionOptions.RetainHandling;
import dev.tether.mqtt.internal.connection.ManagedConnection;

/**
 * Whiteboard {@link MqttMessageListener} services, subscribed to the connection their
 * {@code mqtt.connection} property names while both exist. Listeners may arrive before the
 * connection does; they are subscribed when it is attached.
 */
final class WhiteboardListeners {

    private static final int DEFAULT_QOS = 0;

    private static final class Entry {
        final MqttMessageListener listener;
        final Map<String, ?> properties;
        MqttSubscription subscription;

        Entry(MqttMessageListener listener, Map<String, ?> properties) {
            this.listener = listener;
            this.properties = Map.copyOf(properties);
        }

        boolean followsClientId() {
            return String.valueOf(rawFilters()).contains(MqttMessageListener.CLIENT_ID_PLACEHOLDER);
        }

        Object rawFilters() {
            Object value = properties.get(MqttMessageListener.TOPIC_PROPERTY);
            return value instanceof String[] array ? Arrays.asList(array) : value;
        }
    }

    private final Map<Object, Entry> entries = new LinkedHashMap<>();
    private ManagedConnection connection;
    private Logger logger;
    private String clientId = "";

    synchronized void add(MqttMessageListener listener, Map<String, ?> properties) {
        Entry entry = new Entry(listener, properties);
        entries.put(properties.get(Constants.SERVICE_ID), entry);
        subscribe(entry);
    }

    synchronized void update(MqttMessageListener listener, Map<String, ?> properties) {
        remove(properties);
        add(listener, properties);
    }

    synchronized void remove(Map<String, ?> properties) {
        Entry entry = entries.remove(properties.get(Constants.SERVICE_ID));
        if (entry != null && entry.subscription != null) {
            entry.subscription.close();
        }
    }

    synchronized void attach(ManagedConnection attached, Logger log, String attachedClientId) {
        this.connection = attached;
        this.logger = log;
        this.clientId = attachedClientId;
        entries.values().forEach(this::subscribe);
    }

    /** The configuration changed the client id: listeners whose filters hold the placeholder follow it. */
    synchronized void clientId(String changed) {
        if (changed.equals(clientId)) {
            return;
        }
        clientId = changed;
        for (Entry entry : entries.values()) {
            if (entry.subscription != null && entry.followsClientId()) {
                entry.subscription.close();
                entry.subscription = null;
                subscribe(entry);
            }
        }
    }

    synchronized void detach() {
        for (Entry entry : entries.values()) {
            if (entry.subscription != null) {
                entry.subscription.close();
                entry.subscription = null;
            }
        }
        connection = null;
    }

    private void subscribe(Entry entry) {
        if (connection == null) {
            return;
        }
        Object target = entry.properties.get(MqttService.CONNECTION_PROPERTY);
        String targetName = target == null ? MqttService.DEFAULT_CONNECTION : target.toString();
        if (!targetName.equals(connection.name())) {
            return;
        }
        try {
            List<String> filters = filters(entry.rawFilters()).stream()
                .map(filter -> filter.replace(MqttMessageListener.CLIENT_ID_PLACEHOLDER, clientId)).toList();
            entry.subscription = connection.subscribe(filters, options(entry.properties), entry.listener);
            logger.debug("Connection {}: whiteboard listener {} subscribed to {}", connection.name(), entry.listener,
                filters);
        } catch (IllegalArgumentException e) {
            logger.error("Connection {}: whiteboard listener {} (service.id {}) ignored: {}", connection.name(),
                entry.listener, entry.properties.get(Constants.SERVICE_ID), e.getMessage());
        }
    }

    private static List<String> filters(Object value) {
        if (value instanceof String filter) {
            return List.of(filter);
        }
        if (value instanceof Collection<?> filters) {
            return filters.stream().map(WhiteboardListeners::filter).toList();
        }
        throw new IllegalArgumentException(MqttMessageListener.TOPIC_PROPERTY + "=" + value
            + " is not a String or String[] of topic filters");
    }

    private static String filter(Object value) {
        if (!(value instanceof String filter)) {
            throw new IllegalArgumentException(MqttMessageListener.TOPIC_PROPERTY + " holds " + value
                + ", which is not a String topic filter");
        }
        return filter;
    }

    private static SubscriptionOptions options(Map<String, ?> properties) {
        return SubscriptionOptions.qos(qos(properties.get(MqttMessageListener.QOS_PROPERTY)))
            .withNoLocal(flag(properties, MqttMessageListener.NO_LOCAL_PROPERTY))
            .withRetainAsPublished(flag(properties, MqttMessageListener.RETAIN_AS_PUBLISHED_PROPERTY))
            .withRetainHandling(retainHandling(properties.get(MqttMessageListener.RETAIN_HANDLING_PROPERTY)));
    }

    private static boolean flag(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        if (value == null) {
            return false;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + "='" + value + "' is not true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static RetainHandling retainHandling(Object value) {
        if (value == null) {
            return RetainHandling.SEND_ON_SUBSCRIBE;
        }
        String text = value.toString().trim();
        for (RetainHandling handling : RetainHandling.values()) {
            if (text.equalsIgnoreCase(handling.name()) || text.equals(Integer.toString(handling.ordinal()))) {
                return handling;
            }
        }
        throw new IllegalArgumentException(MqttMessageListener.RETAIN_HANDLING_PROPERTY + "='" + value
            + "' is not send_on_subscribe, send_if_new_subscription or do_not_send (or 0, 1, 2)");
    }

    private static int qos(Object value) {
        if (value == null) {
            return DEFAULT_QOS;
        }
        String text = value.toString().trim();
        if (!text.matches("[0-2]")) {
            throw new IllegalArgumentException(MqttMessageListener.QOS_PROPERTY + "='" + value + "' is not 0, 1 or 2");
        }
        return Integer.parseInt(text);
    }
}
