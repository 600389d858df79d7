package dev.tether.mqtt.internal.connection;

import java.lang.reflect.Proxy;

import org.osgi.service.log.Logger;

/** A Logger that drops everything, for tests outside a framework. */
final class NoopLogger {

    private NoopLogger() {
    }

    static Logger create() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                Class<?> type = method.getReturnType();
                if (type == boolean.class) {
                    return false;
                }
                if (method.getName().equals("getName")) {
                    return "noop";
                }
                if (method.getName().equals("toString")) {
                    return "NoopLogger";
                }
                return null;
            });
    }
}
