package dev.tether.mqtt.itests;

import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@link SecureTransportIT} in Equinox: Tether's optional BouncyCastle imports wire there too, and
 * TLS, mutual TLS and TLS-PSK work. Skipped where Mosquitto is not installed.
 */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
@Category(InEquinox.class)
public class SecureTransportEquinoxIT extends SecureTransportIT {
}
