package dev.tether.mqtt.internal.events;

import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.mqtt.internal.connection.ConnectionEvents;

/**
 * Follows the framework's EventAdmin, if any, and hands out the {@link ConnectionEvents} that post to it, or
 * {@link ConnectionEvents#NONE} while there is none. Tracks by class name: when the optional import of
 * {@code org.osgi.service.event} is not wired, no EventAdmin class may be touched.
 */
public final class EventAdminTracker {

    private static final String EVENT_ADMIN = "org.osgi.service.event.EventAdmin";

    private final ServiceTracker<Object, Object> tracker;

    /** @param changed told the events to use whenever EventAdmin comes or goes; called on the framework's thread */
    public EventAdminTracker(BundleContext context, Consumer<ConnectionEvents> changed) {
        ServiceTracker<Object, Object> created = null;
        if (wired()) {
            try {
                created = new ServiceTracker<>(context, context.createFilter("(objectClass=" + EVENT_ADMIN + ")"),
                    null) {
                    @Override
                    public Object addingService(ServiceReference<Object> reference) {
                        if (!reference.isAssignableTo(context.getBundle(), EVENT_ADMIN)) {
                            return null; // another class space's EventAdmin: not ours to cast
                        }
                        Object service = super.addingService(reference);
                        if (service != null) {
                            changed.accept(new EventAdminEvents(service));
                        }
                        return service;
                    }

                    @Override
                    public void removedService(ServiceReference<Object> reference, Object service) {
                        super.removedService(reference, service);
                        Object next = getService();
                        changed.accept(next == null ? ConnectionEvents.NONE : new EventAdminEvents(next));
                    }
                };
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        this.tracker = created;
    }

    public void open() {
        if (tracker != null) {
            tracker.open();
        }
    }

    public void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static boolean wired() {
        try {
            Class.forName(EVENT_ADMIN, false, EventAdminTracker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
