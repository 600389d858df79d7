package dev.tether.bench.osgi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * ConfigurationAdmin from outside the framework. Its API classes live in the ConfigAdmin bundle, not on the
 * harness's class path, so it is called by reflection through the interfaces that bundle exports. Only set-up goes
 * through here, never a measured path.
 */
public final class ConfigAdminClient {

    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private final Object admin;
    private final Method getFactoryConfiguration;
    private final Method getConfiguration;
    private final Method update;
    private final Method delete;

    private ConfigAdminClient(Object admin, Class<?> adminType, Class<?> configurationType)
            throws NoSuchMethodException {
        this.admin = admin;
        this.getFactoryConfiguration = adminType.getMethod("getFactoryConfiguration", String.class, String.class,
            String.class);
        this.getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
        this.update = configurationType.getMethod("update", Dictionary.class);
        this.delete = configurationType.getMethod("delete");
    }

    static ConfigAdminClient await(BundleContext context, Duration timeout) {
        try {
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(objectClass=" + ADMIN + ")"), null);
            tracker.open(true);
            Object admin = tracker.waitForService(timeout.toMillis());
            ServiceReference<Object> reference = tracker.getServiceReference();
            if (admin == null || reference == null) {
                throw new IllegalStateException("ConfigurationAdmin is not there after " + timeout.toMillis() + " ms");
            }
            return new ConfigAdminClient(admin, reference.getBundle().loadClass(ADMIN),
                reference.getBundle().loadClass(CONFIGURATION));
        } catch (InvalidSyntaxException | ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("cannot use ConfigurationAdmin: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** @return the factory configuration {@code factoryPid~name}, bound to any bundle */
    public Configuration factory(String factoryPid, String name) {
        return new Configuration(invoke(getFactoryConfiguration, admin, factoryPid, name, "?"));
    }

    /** @return the singleton configuration of {@code pid}, bound to any bundle */
    public Configuration singleton(String pid) {
        return new Configuration(invoke(getConfiguration, admin, pid, "?"));
    }

    private static Object invoke(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One configuration object. */
    public final class Configuration {

        private final Object configuration;

        private Configuration(Object configuration) {
            this.configuration = configuration;
        }

        /** Replaces the properties (ConfigAdmin then tells the component). */
        public void update(Map<String, ?> properties) {
            invoke(update, configuration, new Hashtable<>(properties));
        }

        public void delete() {
            invoke(delete, configuration);
        }
    }
}
