package dev.tether.mqtt.internal.logs;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

import dev.tether.mqtt.internal.config.LogForwarding;
import dev.tether.mqtt.internal.connection.ManagedConnection;

/** Log forwarding for one connection: a {@link LogForwarder} listening to every LogReaderService there is. */
public final class ForwardedLog implements AutoCloseable {

    private final LogForwarding settings;
    private final LogForwarder forwarder;
    private final ServiceTracker<LogReaderService, LogReaderService> readers;

    public ForwardedLog(BundleContext context, ManagedConnection connection, LogForwarding settings) {
        this.settings = settings;
        this.forwarder = new LogForwarder(connection, settings, context.getBundle().getBundleId());
        this.readers = new ServiceTracker<>(context, LogReaderService.class, null) {
            @Override
            public LogReaderService addingService(ServiceReference<LogReaderService> reference) {
                LogReaderService reader = super.addingService(reference);
                if (reader != null) {
                    reader.addLogListener(forwarder);
                }
                return reader;
            }

            @Override
            public void removedService(ServiceReference<LogReaderService> reference, LogReaderService reader) {
                reader.removeLogListener(forwarder);
                super.removedService(reference, reader);
            }
        };
        readers.open();
    }

    public LogForwarding settings() {
        return settings;
    }

    @Override
    public void close() {
        readers.close();
        forwarder.close();
    }
}
