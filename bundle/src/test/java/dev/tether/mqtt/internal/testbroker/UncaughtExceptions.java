package dev.tether.mqtt.internal.testbroker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when any thread ended with an exception nobody caught while it ran: installs a default uncaught
 * exception handler before each test, and puts the one before back after it.
 *
 * <pre>{@code @RegisterExtension final UncaughtExceptions uncaught = new UncaughtExceptions();}</pre>
 */
public final class UncaughtExceptions implements BeforeEachCallback, AfterEachCallback {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previous;

    @Override
    public void beforeEach(ExtensionContext context) {
        seen.clear();
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> seen.add(thread.getName() + ": " + error));
    }

    /** @return what escaped so far, one line per thread and exception */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Thread.setDefaultUncaughtExceptionHandler(previous);
        if (!seen.isEmpty()) {
            throw new AssertionError("exceptions escaped to the uncaught exception handler: " + seen);
        }
    }
}
