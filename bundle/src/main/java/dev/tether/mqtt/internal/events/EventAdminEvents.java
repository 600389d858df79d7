package dev.tether.mqtt.internal.events;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.connection.ConnectionEvents;

/**
 * Posts connection events to EventAdmin (asynchronously) under {@value #TOPIC_PREFIX}. Loaded only once
 * {@link EventAdminTracker} has found the EventAdmin package wired to this bundle: the import is optional.
 */
final class EventAdminEvents implements ConnectionEvents {

    static final String TOPIC_PREFIX = "dev/tether/mqtt/";

    private final EventAdmin eventAdmin;

    EventAdminEvents(Object eventAdmin) {
        this.eventAdmin = (EventAdmin) eventAdmin;
    }

    @Override
    public void connected(ConnectionStatus status) {
        post("CONNECTED", status, Map.of());
    }

    @Override
    public void disconnected(ConnectionStatus status, String cause) {
        post("DISCONNECTED", status, Map.of("cause", cause));
    }

    @Override
    public void subscriptionFailed(ConnectionStatus status, String topicFilter, int reasonCode, String reason) {
        post("SUBSCRIPTION_FAILED", status, Map.of("topic_filter", topicFilter, "reason_code", reasonCode, "cause",
            reason));
    }

    @Override
    public void queueOverflow(ConnectionStatus status) {
        post("QUEUE_OVERFLOW", status, Map.of("queued", status.queuedMessages(), "dropped",
            status.droppedMessages()));
    }

    private void post(String type, ConnectionStatus status, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("connection", status.connectionName());
        properties.put("server", status.server());
        properties.put("client_id", status.clientId());
        properties.put("state", status.state().name());
        eventAdmin.postEvent(new Event(TOPIC_PREFIX + type, properties));
    }
}
