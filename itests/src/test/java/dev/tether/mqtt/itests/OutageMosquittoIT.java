package dev.tether.mqtt.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link OutageScenarios} against Mosquitto; skipped where it is not installed. */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
public class OutageMosquittoIT extends OutageScenarios {

    @Override
    protected String brokerKind() {
        return "mosquitto";
    }
}
