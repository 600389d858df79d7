package dev.tether.mqtt.internal.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import org.osgi.service.log.LogEntry;

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
        StringBuilder json = new StringBuilder("{\"time\":\"").append(Instant.ofEpochMilli(entry.getTime()))
            .append("\",\"level\":\"").append(entry.getLogLevel())
            .append("\",\"bundle\":").append(string(bundle(entry)))
            .append(",\"logger\":").append(string(entry.getLoggerName()))
            .append(",\"message\":").append(string(entry.getMessage()));
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            json.append(",\"exception\":").append(string(trace.toString()));
        }
        return json.append('}').toString();
    }

    private static String bundle(LogEntry entry) {
        return entry.getBundle() == null ? "framework" : String.valueOf(entry.getBundle().getSymbolicName());
    }

    /** @return the value as a JSON string, or null */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
