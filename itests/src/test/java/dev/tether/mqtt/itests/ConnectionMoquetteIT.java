package dev.tether.mqtt.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link ConnectionScenarios} against Moquette. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConnectionMoquetteIT extends ConnectionScenarios {

    @Override
    protected String brokerKind() {
        return "moquette";
    }

    /** Moquette 0.17 speaks MQTT 3.1.1 only: {@code auto} falls back to it. */
    @Override
    protected String expectedProtocol() {
        return "3.1.1";
    }
}
