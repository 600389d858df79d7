package dev.tether.mqtt.itests;

import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@link ConnectionScenarios} against Mosquitto, in Equinox; skipped where Mosquitto is not installed.
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
}
