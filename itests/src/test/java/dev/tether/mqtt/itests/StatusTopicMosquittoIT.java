package dev.tether.mqtt.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link StatusTopicScenarios} against Mosquitto, on MQTT 5. Skipped where Mosquitto is not installed. */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
public class StatusTopicMosquittoIT extends StatusTopicScenarios {

    @Override
    protected String brokerKind() {
        return "mosquitto";
    }

    @Override
    protected String expectedProtocol() {
        return "5";
    }

    @Override
    protected boolean flagsRetainedMessages() {
        return true;
    }
}
