package dev.tether.mqtt.itests;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;

/**
 * Collects every log entry of the Tether bundle, at every level, for assertions about what is
 * logged; prints warnings and errors so a failing run shows what the bundle said.
 */
final class TetherLog implements LogListener, AutoCloseable {

    private final BundleContext context;
    private final ServiceReference<LogReaderService> readerReference;
    private final LogReaderService reader;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    TetherLog(BundleContext context) {
        this.context = context;
        ServiceReference<LoggerAdmin> adminReference = context.getServiceReference(LoggerAdmin.class);
        context.getService(adminReference).getLoggerContext(null)
            .setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.DEBUG));
        context.ungetService(adminReference);
        readerReference = context.getServiceReference(LogReaderService.class);
        reader = context.getService(readerReference);
        reader.addLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (entry.getBundle() == null || !"dev.tether.mqtt".equals(entry.getBundle().getSymbolicName())) {
            return;
        }
        String line = entry.getLogLevel() + " " + entry.getMessage()
            + (entry.getException() == null ? "" : " " + entry.getException());
        lines.add(line);
        if (LogLevel.WARN.implies(entry.getLogLevel())) {
            System.out.println("[tether] " + line);
        }
    }

    /** @return every line logged by the Tether bundle since this collector started */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        reader.removeLogListener(this);
        context.ungetService(readerReference);
    }
}
