package dev.tether.mqtt.itests;

import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link DurableQueueIT} in Equinox: the queue file lives in the bundle's data area of Equinox's storage. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@Category(InEquinox.class)
public class DurableQueueEquinoxIT extends DurableQueueIT {
}
