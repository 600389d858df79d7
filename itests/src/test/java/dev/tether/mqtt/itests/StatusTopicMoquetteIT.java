package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import dev.tether.mqtt.ConnectionState;

/** {@link StatusTopicScenarios} against Moquette, and Tether in a framework without the Health Checks. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StatusTopicMoquetteIT extends StatusTopicScenarios {

    @Override
    protected String brokerKind() {
        return "moquette";
    }

    /** Moquette 0.17 speaks MQTT 3.1.1 only: {@code auto} falls back to it. */
    @Override
    protected String expectedProtocol() {
        return "3.1.1";
    }

    @Override
    protected boolean flagsRetainedMessages() {
        return false;
    }

    @Test
    public void withoutTheHealthChecksTetherRunsAndRegistersNoCheck() throws Exception {
        // given this framework, which has no Health Checks bundle
        assertThat(context.getBundles()).extracting(Bundle::getSymbolicName)
            .noneMatch(name -> name.startsWith("org.apache.felix.healthcheck"));

        // when a connection is configured
        RemoteBroker broker = broker();
        configureConnection("no-hc", connectionTo(broker, uniqueClientId("no-hc")));
        awaitState(awaitService("no-hc"), ConnectionState.CONNECTED, TIMEOUT);

        // then Tether is active, its optional import stays unwired, no health check is registered, the bean is there,
        // and nothing was logged about it
        assertThat(tetherBundle().getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(context.getServiceReferences("org.apache.felix.hc.api.HealthCheck", null)).isNull();
        assertThat(ManagementFactory.getPlatformMBeanServer()
            .isRegistered(new ObjectName("dev.tether.mqtt:type=Connection,name=no-hc"))).isTrue();
        assertThat(tetherLog.lines()).noneMatch(line -> line.startsWith("ERROR") || line.contains("hc.api"));
    }
}
