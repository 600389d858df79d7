package dev.tether.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * {@code java -jar tether-gateway.jar}: starts the embedded broker (outside the framework, so MQTT clients and the
 * framework can be restarted independently of each other) while Felix starts with the bundles of {@code lib/bundles/},
 * in the order that gets Tether connected soonest; prints a banner, and waits until the framework stops or the JVM is
 * told to quit.
 *
 * <p>System properties: {@code tether.broker=off}, {@code tether.broker.port} (1883), {@code tether.http.port} (8080),
 * {@code tether.console.password} (admin), {@code tether.data} (./gateway-data).
 */
public final class Launcher {

    /** How long a shutdown waits for the framework to stop its bundles. */
    private static final long STOP_TIMEOUT_MILLIS = 15_000;

    private final GatewaySettings settings;
    /**
     * Held while starting and while stopping, so a SIGTERM during the start waits for it to end rather than stop a
     * framework the launcher is still filling. Not {@code this}: the broker's start thread locks that while the start
     * waits for it.
     */
    private final Object lifecycle = new Object();
    private EmbeddedBroker broker;
    private Framework framework;
    private ConnectionWatcher watcher;

    private Launcher(GatewaySettings settings) {
        this.settings = settings;
    }

    /**
     * @param args ignored; everything is a system property
     */
    public static void main(String[] args) {
        // Moquette (here) and the bundles' slf4j-simple share this: warnings and errors only, unless asked otherwise
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // Tether's default protocol_version (auto) offers MQTT 5 first; Moquette 0.17 refuses it as it should, and would
        // warn about it on every start before Tether connects again with 3.1.1
        String moquetteConnection = "org.slf4j.simpleLogger.log.io.moquette.broker.MQTTConnection";
        if (System.getProperty(moquetteConnection) == null) {
            System.setProperty(moquetteConnection, "error");
        }
        Launcher launcher;
        try {
            launcher = new Launcher(GatewaySettings.fromSystemProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("[gateway] " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "tether-gateway-shutdown"));
        try {
            synchronized (launcher.lifecycle) {
                launcher.start();
            }
        } catch (Exception e) {
            System.err.println("[gateway] start failed: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        launcher.awaitFrameworkStop();
        // the framework stopped by itself (Gogo 'stop 0', or a bundle): take the broker down too
        System.exit(0);
    }

    private void start() throws IOException, BundleException, InvalidSyntaxException {
        // Moquette takes half a second to start: it does so while Felix starts, and is waited for before Tether starts
        FutureTask<String> brokerStart = new FutureTask<>(this::startBroker);
        Thread brokerStarter = new Thread(brokerStart, "tether-gateway-broker-start");
        brokerStarter.setDaemon(true);
        brokerStarter.start();
        Path config = DefaultConfiguration.ensure(settings.confDir(), settings.brokerPort());

        boolean interactive = System.console() != null;
        Map<String, String> properties = FrameworkProperties.of(settings, interactive);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
            .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework starting = factory.newFramework(properties);
        starting.init();
        synchronized (this) {
            framework = starting;
        }
        BundleContext context = starting.getBundleContext();
        // open before Tether starts, so the first connection is seen as it happens
        watcher = new ConnectionWatcher(context);
        watcher.open();
        // start first, then deploy: bundle.start() then reports a resolution failure to us at once
        starting.start();
        BundleDeployer deployer = new BundleDeployer(context);
        List<Bundle> bundles = deployer.install(settings.bundlesDir());
        deployer.start(bundles, List.of(BundleDeployer.CONFIGURATION_ADMIN));
        if (!deployer.fileInstallStarted(bundles)) {
            // before SCR and FileInstall: see ConfigurationSeed for why FileInstall must not be the first to apply it
            ConfigurationSeed.apply(context, DefaultConfiguration.TETHER_PID, config);
        }
        String brokerStatus = awaitBroker(brokerStart);
        deployer.start(bundles, BundleDeployer.TETHER);
        deployer.startRest(bundles);

        GatewayBanner.print(System.out, settings, brokerStatus, config, bundles,
            ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** @return the banner's line on the broker, once it listens (or is off) */
    private static String awaitBroker(FutureTask<String> brokerStart) throws IOException {
        try {
            return brokerStart.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the embedded broker started", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException("the embedded broker did not start: " + e.getCause(), e.getCause());
        }
    }

    /** @return the banner's line on the broker */
    private String startBroker() throws IOException {
        int port = settings.brokerPort();
        if (!settings.brokerEnabled()) {
            return "embedded broker off (tether.broker=off)";
        }
        EmbeddedBroker starting = new EmbeddedBroker(port);
        if (!starting.start()) {
            System.out.println("port " + port + " is in use: the embedded broker is off; a configuration for"
                + " localhost:" + port + " reaches whatever listens there");
            return "not embedded (port " + port + " was in use)";
        }
        synchronized (this) {
            broker = starting;
        }
        return "embedded Moquette on " + EmbeddedBroker.HOST + ":" + port;
    }

    private void awaitFrameworkStop() {
        Framework running;
        synchronized (this) {
            running = framework;
        }
        if (running == null) {
            // stopped by the shutdown hook already
            return;
        }
        try {
            running.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the framework, then the broker, so Tether disconnects cleanly rather than seeing its broker vanish. */
    private void stop() {
        synchronized (lifecycle) {
            stopStarted();
        }
    }

    private synchronized void stopStarted() {
        if (framework == null && broker == null) {
            return;
        }
        System.out.println("[gateway] stopping");
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (framework != null) {
            try {
                framework.stop();
                FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MILLIS);
                if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    System.err.println("[gateway] the framework did not stop within " + STOP_TIMEOUT_MILLIS + " ms");
                }
            } catch (BundleException e) {
                System.err.println("[gateway] stopping the framework: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            framework = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        System.out.println("[gateway] stopped");
    }
}
