package dev.tether.mqtt.internal.connection;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.Logger;

/**
 * A Logger for tests outside a framework: keeps every message with its arguments as text, so a test
 * can look for secrets in it.
 */
public final class RecordingLogger {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
        new Class<?>[] {Logger.class}, (proxy, method, args) -> {
            Class<?> type = method.getReturnType();
            if (type == boolean.class) {
                return true;
            }
            if (method.getName().equals("getName")) {
                return "recording";
            }
            if (method.getName().equals("toString")) {
                return "RecordingLogger";
            }
            if (args != null) {
                lines.add(method.getName() + " " + Arrays.deepToString(args));
            }
            return null;
        });

    public Logger logger() {
        return logger;
    }

    /** @return everything logged so far, one entry per call */
    public List<String> lines() {
        return List.copyOf(lines);
    }
}
