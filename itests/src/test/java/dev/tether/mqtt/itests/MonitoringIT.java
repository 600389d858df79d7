package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.DefaultCompositeOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;

/**
 * Two of the ways a connection shows itself, in Felix with the Apache Felix Health Checks (api 2.0.4, core 2.2.0) and
 * the JVM's platform MBean server, against Moquette: each connection's health check, run through the Health Checks'
 * own {@link HealthCheckExecutor} and selected by its tags, and its MXBean
 * {@code dev.tether.mqtt:type=Connection,name=<name>}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitoringIT extends TetherTestSupport {

    @Inject
    @Filter(timeout = 20_000)
    private HealthCheckExecutor healthChecks;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @org.ops4j.pax.exam.Configuration
    @Override
    public Option[] config() throws IOException {
        return OptionUtils.combine(super.config(), healthCheckBundles());
    }

    /**
     * The Health Checks core 2.2.0 imports, not optionally, the servlet whiteboard's context package (2.0, on
     * jakarta.servlet 5), EventAdmin's API and slf4j, though it runs checks without a servlet container or an
     * EventAdmin; the api 2.0.4 imports slf4j too.
     */
    private static Option healthCheckBundles() {
        return new DefaultCompositeOption(
            mavenBundle("org.slf4j", "slf4j-api").versionAsInProject(),
            mavenBundle("org.slf4j", "slf4j-simple").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.service.servlet").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.service.event").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.healthcheck.api").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.healthcheck.core").versionAsInProject());
    }

    private Map<String, Object> connectionTo(RemoteBroker broker, String name) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", broker.server());
        properties.put("client_id", uniqueClientId(name));
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        properties.put("queue_persistence", "memory");
        return properties;
    }

    private MqttService connect(String name, Map<String, Object> properties) throws Exception {
        configureConnection(name, properties);
        MqttService service = awaitService(name);
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        return service;
    }

    /** @return the checks with a tag, each run now (the executor's result cache bypassed) */
    private List<HealthCheckExecutionResult> run(String tag) {
        return healthChecks.execute(HealthCheckSelector.tags(tag),
            new HealthCheckExecutionOptions().setForceInstantExecution(true));
    }

    /** @return the result of connection {@code name}'s check, selected by its tag {@code tether-<name>} */
    private Result check(String name) {
        List<HealthCheckExecutionResult> results = run("tether-" + name);
        assertThat(results).as("the health checks tagged tether-%s", name).hasSize(1);
        return results.get(0).getHealthCheckResult();
    }

    private static String message(Result result) {
        return StreamSupport.stream(result.spliterator(), false).map(ResultLog.Entry::getMessage)
            .reduce("", (a, b) -> a + b);
    }

    private void awaitCheck(String name, Result.Status status, Duration atMost) {
        await("health of " + name + " " + status).atMost(atMost).pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> {
                Result result = check(name);
                assertThat(result.getStatus()).as("status; message '%s'", message(result)).isEqualTo(status);
            });
    }

    // ---- health checks

    @Test
    public void tetherIsWiredToTheHealthChecksApi() {
        // given the Health Checks installed beside Tether (see config())
        // when Tether's bundle resolved
        // then its optional import of the api is wired to the api's bundle
        assertThat(tetherBundle().adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package"))
            .extracting(wire -> wire.getCapability().getAttributes().get("osgi.wiring.package") + " from "
                + wire.getProvider().getBundle().getSymbolicName())
            .contains("org.apache.felix.hc.api from org.apache.felix.healthcheck.api");
    }

    @Test
    public void aConnectedConnectionIsOk() throws Exception {
        // given a connection connected to a broker
        RemoteBroker broker = startBroker("moquette");
        connect("hc-ok", connectionTo(broker, "hc-ok"));

        // when the executor runs the checks tagged tether (every Tether connection's) and tether-hc-ok (this one's)
        List<HealthCheckExecutionResult> all = run("tether");
        Result own = check("hc-ok");

        // then this connection's check is among them, named after it, and says OK: connected to the broker
        assertThat(all).extracting(result -> result.getHealthCheckMetadata().getName())
            .contains("Tether MQTT connection hc-ok");
        assertThat(own.getStatus()).isEqualTo(Result.Status.OK);
        assertThat(message(own)).contains("'hc-ok' is connected to", broker.server());
    }

    @Test
    public void aConnectionWhoseBrokerIsDownWarns() throws Exception {
        // given a connection that is OK, with the default health_critical_after of 300 s
        RemoteBroker broker = startBroker("moquette");
        connect("hc-warn", connectionTo(broker, "hc-warn"));
        awaitCheck("hc-warn", Result.Status.OK, TIMEOUT);

        // when its broker stops
        broker.stop();

        // then the check warns that it is not connected, and goes on warning, far from critical
        awaitCheck("hc-warn", Result.Status.WARN, TIMEOUT);
        assertThat(message(check("hc-warn"))).contains("'hc-warn' has not been connected for");

        // and once the broker is back it is OK again
        broker.start();
        awaitCheck("hc-warn", Result.Status.OK, TIMEOUT);
    }

    @Test
    public void aConnectionNotConnectedForLongerThanHealthCriticalAfterIsCritical() throws Exception {
        // given a broker that is down
        RemoteBroker broker = startBroker("moquette");
        broker.stop();

        // when a connection to it is configured with health_critical_after 2 s
        Map<String, Object> properties = connectionTo(broker, "hc-critical");
        properties.put("health_critical_after", 2);
        long configured = System.nanoTime();
        configureConnection("hc-critical", properties);
        awaitService("hc-critical");

        // then its check warns at first, and says CRITICAL only once it has not been connected for 2 s
        awaitCheck("hc-critical", Result.Status.WARN, Duration.ofSeconds(2));
        awaitCheck("hc-critical", Result.Status.CRITICAL, TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - configured)).isGreaterThan(Duration.ofSeconds(2));
        assertThat(message(check("hc-critical"))).contains("'hc-critical' has not been connected for",
            "connection refused");

        // and once the broker is up it is OK again
        broker.start();
        awaitCheck("hc-critical", Result.Status.OK, TIMEOUT);
    }

    @Test
    public void anInvalidConfigurationIsCritical() throws Exception {
        // given a broker
        RemoteBroker broker = startBroker("moquette");
        Map<String, Object> properties = connectionTo(broker, "hc-invalid");

        // when a connection is configured with a keep_alive that is not a number
        properties.put("keep_alive", "soon");
        configureConnection("hc-invalid", properties);
        awaitState(awaitService("hc-invalid"), ConnectionState.CONFIGURATION_ERROR, TIMEOUT);

        // then its check is CRITICAL and names the property
        awaitCheck("hc-invalid", Result.Status.CRITICAL, TIMEOUT);
        assertThat(message(check("hc-invalid"))).contains("'hc-invalid' is not configured correctly", "keep_alive");
    }

    @Test
    public void theCheckGoesWithItsConfiguration() throws Exception {
        // given a connection whose check runs
        RemoteBroker broker = startBroker("moquette");
        Configuration configuration = configureConnection("hc-gone", connectionTo(broker, "hc-gone"));
        awaitService("hc-gone");
        awaitCheck("hc-gone", Result.Status.OK, TIMEOUT);

        // when its configuration is deleted
        configuration.delete();

        // then no check carries its tag any more, and no HealthCheck service of Tether's is left for it
        await("no check tagged tether-hc-gone").atMost(TIMEOUT).until(() -> run("tether-hc-gone").isEmpty());
        assertThat(context.getServiceReferences("org.apache.felix.hc.api.HealthCheck", "(hc.tags=tether-hc-gone)"))
            .isNull();
    }

    // ---- JMX

    private static ObjectName bean(String connection) throws Exception {
        return new ObjectName("dev.tether.mqtt:type=Connection,name=" + connection);
    }

    @Test
    public void theBeanShowsTheStateAndCountsAQos1Publish() throws Exception {
        // given a connected connection
        RemoteBroker broker = startBroker("moquette");
        MqttService service = connect("jmx-count", connectionTo(broker, "jmx-count"));
        ObjectName name = bean("jmx-count");

        // when it publishes one QoS 1 message, acknowledged by the broker
        complete(service.publish("itest/jmx/count", "12345", 1, false));

        // then the platform MBean server shows the connection and the message
        assertThat(jmx.getAttribute(name, "State")).isEqualTo("CONNECTED");
        assertThat(jmx.getAttribute(name, "Server")).asString().contains(broker.server());
        assertThat(jmx.getAttribute(name, "Protocol")).isEqualTo("3.1.1");
        await("MessagesOutQos1 1").atMost(TIMEOUT).until(() -> jmx.getAttribute(name, "MessagesOutQos1"),
            value -> Long.valueOf(1).equals(value));
        assertThat(jmx.getAttribute(name, "MessagesOutQos0")).isEqualTo(0L);
        assertThat(jmx.getAttribute(name, "BytesOut")).isEqualTo(5L);
        assertThat(jmx.getAttribute(name, "Connects")).isEqualTo(1L);
        assertThat((Double) jmx.getAttribute(name, "PublishLatencyMaxMillis")).isPositive();
    }

    @Test
    public void theReconnectOperationReconnects() throws Exception {
        // given a connected connection
        RemoteBroker broker = startBroker("moquette");
        MqttService service = connect("jmx-reconnect", connectionTo(broker, "jmx-reconnect"));
        ObjectName name = bean("jmx-reconnect");
        assertThat(jmx.getAttribute(name, "Connects")).isEqualTo(1L);

        // when an operator invokes reconnect() on its bean
        jmx.invoke(name, "reconnect", new Object[0], new String[0]);

        // then it connects a second time, and is connected again
        await("Connects 2").atMost(TIMEOUT).until(() -> jmx.getAttribute(name, "Connects"),
            value -> Long.valueOf(2).equals(value));
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        assertThat(jmx.getAttribute(name, "State")).isEqualTo("CONNECTED");
    }

    @Test
    public void twoConnectionsHaveTwoBeansEachGoingWithItsConfiguration() throws Exception {
        // given two connections
        RemoteBroker broker = startBroker("moquette");
        Map<String, Object> first = connectionTo(broker, "jmx-first");
        Map<String, Object> second = connectionTo(broker, "jmx-second");
        connect("jmx-first", first);
        Configuration secondConfiguration = configureConnection("jmx-second", second);
        awaitState(awaitService("jmx-second"), ConnectionState.CONNECTED, TIMEOUT);

        // then each has its bean, with its own client id
        assertThat(jmx.queryNames(new ObjectName("dev.tether.mqtt:type=Connection,*"), null))
            .contains(bean("jmx-first"), bean("jmx-second"));
        assertThat(jmx.getAttribute(bean("jmx-first"), "ClientId")).isEqualTo(first.get("client_id"));
        assertThat(jmx.getAttribute(bean("jmx-second"), "ClientId")).isEqualTo(second.get("client_id"));

        // when the second configuration is deleted
        secondConfiguration.delete();

        // then its bean is unregistered, and the first one's stays
        await("the bean of jmx-second unregistered").atMost(TIMEOUT)
            .until(() -> !jmx.isRegistered(bean("jmx-second")));
        assertThat(jmx.isRegistered(bean("jmx-first"))).isTrue();
        assertThat(jmx.getAttribute(bean("jmx-first"), "State")).isEqualTo("CONNECTED");
    }
}
