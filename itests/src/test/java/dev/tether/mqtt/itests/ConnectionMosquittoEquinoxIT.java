package dev.tether.mqtt.itests;

import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@link ConnectionScenarios} against Mosquitto on MQTT 3.1.1, in Equinox; skipped where Mosquitto is not installed.
 * Without {@link ConnectionMosquittoIT}'s shared subscriptions: a feature of the broker, not of the
 * framework.
 */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
@Category(InEquinox.class)
public class ConnectionMosquittoEquinoxIT extends ConnectionScenarios {

    @Override
    protected String brokerKind() {
        return "mosquitto";
    }

    /** Equinox runs the scenarios on MQTT 3.1.1, Felix on MQTT 5: both versions against Mosquitto. */
    @Override
    protected String protocolVersion() {
        return "3.1.1";
    }

    @Override
    protected String expectedProtocol() {
        return "3.1.1";
    }
}
