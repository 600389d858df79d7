package dev.tether.mqtt.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/** The payloads of forwarded log entries. */
class LogEntryFormatTest {

    private static final long TIME = 1_764_078_000_123L;

    @Test
    void textIsOneLineWithTimeLevelBundleMessageAndException() {
        LogEntry entry = entry(LogLevel.WARN, "sensor 3 timed out", new IllegalStateException("late"));

        assertThat(LogEntryFormat.text(entry))
            .isEqualTo("2025-11-25T13:40:00.123Z WARN com.example.sensors: sensor 3 timed out: "
                + "java.lang.IllegalStateException: late");
    }

    @Test
    void jsonEscapesTheMessageAndCarriesTheStackTrace() {
        LogEntry entry = entry(LogLevel.ERROR, "quote \" backslash \\ newline \n tab \t bell \u0007", new Exception("x"));

        String json = LogEntryFormat.json(entry);

        assertThat(json).startsWith("{\"time\":\"2025-11-25T13:40:00.123Z\",\"level\":\"ERROR\","
            + "\"bundle\":\"com.example.sensors\",\"logger\":\"com.example.Sensor\","
            + "\"message\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007\",\"exception\":\"java.lang.Exception: x\\n\\tat ")
            .endsWith("\"}").doesNotContain("\n");
    }

    @Test
    void anEntryWithoutBundleIsTheFramework() {
        LogEntry entry = entry(LogLevel.INFO, "started", null, null);

        assertThat(LogEntryFormat.text(entry)).isEqualTo("2025-11-25T13:40:00.123Z INFO framework: started");
        assertThat(LogEntryFormat.json(entry)).doesNotContain("exception");
    }

    private static LogEntry entry(LogLevel level, String message, Throwable exception) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
            (proxy, method, args) -> method.getName().equals("getSymbolicName") ? "com.example.sensors" : null);
        return entry(level, message, exception, bundle);
    }

    private static LogEntry entry(LogLevel level, String message, Throwable exception, Bundle bundle) {
        return (LogEntry) Proxy.newProxyInstance(LogEntry.class.getClassLoader(), new Class<?>[] {LogEntry.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getTime" -> TIME;
                case "getLogLevel" -> level;
                case "getMessage" -> message;
                case "getException" -> exception;
                case "getBundle" -> bundle;
                case "getLoggerName" -> "com.example.Sensor";
                default -> null;
            });
    }
}
