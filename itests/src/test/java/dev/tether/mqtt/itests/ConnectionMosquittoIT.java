package dev.tether.mqtt.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link ConnectionScenarios} against Mosquitto; skipped where it is not installed. */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
public class ConnectionMosquittoIT extends ConnectionScenarios {

    @Override
    protected String brokerKind() {
        return "mosquitto";
    }
}
