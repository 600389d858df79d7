package dev.tether.gateway;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Watches Tether's default connection from outside the framework and prints when it comes up: the first time with the
 * time since the JVM started and the heap in use, later only one line per change.
 *
 * <p>The launcher's class loader cannot see Tether's API, and exporting it from the system bundle would shadow the
 * bundle's own export. So the service is tracked by class name and used through the API classes loaded from the
 * bundle that registered it: {@code state()} via reflection, {@code ConnectionListener} via a dynamic proxy.
 */
final class ConnectionWatcher implements ServiceTrackerCustomizer<Object, ConnectionWatcher.Watch> {

    private static final String FILTER =
        "(&(objectClass=dev.tether.mqtt.MqttService)(|(mqtt.connection=default)(!(mqtt.connection=*))))";

    private final BundleContext context;
    private final ServiceTracker<Object, Watch> tracker;
    private final AtomicBoolean firstReported = new AtomicBoolean();

    /** @param context the system bundle's context */
    ConnectionWatcher(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        this.tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(FILTER), this);
    }

    void open() {
        tracker.open(true);
    }

    void close() {
        tracker.close();
    }

    @Override
    public Watch addingService(ServiceReference<Object> reference) {
        Object service = context.getService(reference);
        if (service == null) {
            return null;
        }
        try {
            ClassLoader api = reference.getBundle().loadClass("dev.tether.mqtt.MqttService").getClassLoader();
            Class<?> serviceType = api.loadClass("dev.tether.mqtt.MqttService");
            Class<?> listenerType = api.loadClass("dev.tether.mqtt.ConnectionListener");
            Class<?> statusType = api.loadClass("dev.tether.mqtt.ConnectionStatus");
            Method server = statusType.getMethod("server");
            Method clientId = statusType.getMethod("clientId");
            ListenerHandler handler = new ListenerHandler(reference,
                status -> server.invoke(status) + " as " + clientId.invoke(status));
            Object listener = Proxy.newProxyInstance(api, new Class<?>[] {listenerType}, handler);
            Object registration = serviceType.getMethod("addConnectionListener", listenerType).invoke(service, listener);
            // it may have connected before the listener was added
            if ("CONNECTED".equals(String.valueOf(serviceType.getMethod("state").invoke(service)))) {
                handler.up(handler.reader.server(serviceType.getMethod("status").invoke(service)));
            }
            return new Watch(service, (AutoCloseable) registration);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("[gateway] cannot watch Tether's connection: " + e);
            context.ungetService(reference);
            return null;
        }
    }

    @Override
    public void modifiedService(ServiceReference<Object> reference, Watch watch) {
        // the server property follows the configuration; the listener keeps reporting
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Watch watch) {
        try {
            watch.registration().close();
        } catch (Exception e) {
            // Registration.close() never throws; nothing to do
        }
        context.ungetService(reference);
    }

    private void connected(String server) {
        if (firstReported.compareAndSet(false, true)) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            Runtime runtime = Runtime.getRuntime();
            long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            System.out.printf("Tether connected to %s in %d ms after launch; heap used %d MB%n", server, uptime, usedMb);
        } else {
            System.out.printf("Tether connected to %s again%n", server);
        }
    }

    private void disconnected(String server, Object cause) {
        System.out.printf("Tether disconnected from %s: %s%n", server, cause);
    }

    /** The service and the listener registration to close with it. */
    record Watch(Object service, AutoCloseable registration) {
    }

    @FunctionalInterface
    private interface StatusReader {
        /** @return "server as client id" */
        String server(Object status) throws ReflectiveOperationException;
    }

    /** Implements {@code ConnectionListener}: {@code connected(status)} and {@code disconnected(status, cause)}. */
    private final class ListenerHandler implements InvocationHandler {

        private final ServiceReference<Object> reference;
        final StatusReader reader;
        /** Reports transitions only: the state check and the listener may both see the same connection. */
        private final AtomicBoolean up = new AtomicBoolean();

        ListenerHandler(ServiceReference<Object> reference, StatusReader reader) {
            this.reference = reference;
            this.reader = reader;
        }

        /** Where the connection was when it came up: a configuration change reports the new server on the way down. */
        private volatile String connectedTo = "";

        void up(String server) {
            if (up.compareAndSet(false, true)) {
                connectedTo = server;
                connected(server);
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "connected" -> up(reader.server(args[0]));
                case "disconnected" -> {
                    if (up.compareAndSet(true, false)) {
                        disconnected(connectedTo, args[1]);
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "gateway connection watcher for " + reference;
                }
                default -> {
                    // a method added to ConnectionListener later: ignore it
                }
            }
            return null;
        }
    }
}
