package dev.tether.mqtt.itests;

import org.junit.runner.Description;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

import dev.tether.mqtt.itests.broker.BrokerHost;

/**
 * {@link PaxExam} for the Mosquitto variants: where Mosquitto is not installed, their tests are
 * reported as skipped without starting a framework. (An assumption failing inside the framework
 * would be reported as a pass by Pax Exam.)
 */
public final class PaxExamIfMosquitto extends PaxExam {

    public PaxExamIfMosquitto(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    public void run(RunNotifier notifier) {
        if (BrokerHost.available("mosquitto")) {
            super.run(notifier);
            return;
        }
        for (Description test : getDescription().getChildren()) {
            notifier.fireTestIgnored(test);
        }
    }
}
