package dev.tether.mqtt.internal.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import org.osgi.service.log.LogEntry;

import dev.tether.mqtt.internal.json.JsonWriter;

/** Turns a log entry into the payload published for it: one text line, or a JSON object. */
final class LogEntryFormat {

    private LogEntryFormat() {
    }

    static String text(LogEntry entry) {
        StringBuilder line = new StringBuilder()
            .append(Instant.ofEpochMilli(entry.getTime())).append(' ')
            .append(entry.getLogLevel()).append(' ')
            .append(bundle(entry)).append(": ")
            .append(entry.getMessage());
        if (entry.getException() != null) {
            line.append(": ").append(entry.getException());
        }
        return line.toString();
    }

    static String json(LogEntry entry) {
        JsonWriter json = new JsonWriter().object()
            .field("time", Instant.ofEpochMilli(entry.getTime()).toString())
            .field("level", String.valueOf(entry.getLogLevel()))
            .field("bundle", bundle(entry))
            .field("logger", entry.getLoggerName())
            .field("message", entry.getMessage());
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            json.field("exception", trace.toString());
        }
        return json.end().toString();
    }

    private static String bundle(LogEntry entry) {
        return entry.getBundle() == null ? "framework" : String.valueOf(entry.getBundle().getSymbolicName());
    }
}
