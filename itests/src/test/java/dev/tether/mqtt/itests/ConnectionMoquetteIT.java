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
}
