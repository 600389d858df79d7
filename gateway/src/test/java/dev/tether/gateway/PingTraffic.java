package dev.tether.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Pings for the example's ping responder from a thread of its own, so that Tether has messages in and out to count:
 * steady, or for the docs' screenshot a few minutes that rise and fall, so that the chart has a shape, with other
 * commands among them that the responder leaves unanswered, so that in and out part.
 *
 * <p>QoS 0, and nobody subscribes to the answers: Moquette 0.17 sometimes fails on a PUBACK for a QoS 1 message it
 * delivered ({@code IllegalReferenceCountException} in {@code Session.pubAckReceived}), and the session thread that
 * failed never answers a CONNECT again, so Tether could not reconnect to it.
 */
final class PingTraffic implements AutoCloseable {

    /** For the docs: seconds from the start and pings per second then, with straight lines in between. */
    private static final double[][] DOCS_PROFILE = { { 0, 4 }, { 40, 6 }, { 70, 28 }, { 95, 26 }, { 115, 10 },
        { 140, 14 }, { 150, 38 }, { 158, 38 }, { 165, 12 }, { 180, 10 } };
    /** For the docs: the other commands, in the same form. */
    private static final double[][] DOCS_NOTES = { { 0, 2 }, { 50, 2 }, { 75, 10 }, { 100, 6 }, { 130, 4 },
        { 150, 12 }, { 165, 3 }, { 180, 3 } };
    private static final double STEADY = 10;

    private final MqttProbe probe;
    private final String device;
    private final boolean docs;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;

    private PingTraffic(MqttProbe probe, String device, boolean docs) {
        this.probe = probe;
        this.device = device;
        this.docs = docs;
        this.thread = new Thread(this::run, "ping-traffic");
        thread.setDaemon(true);
    }

    /**
     * @param probe the client that publishes
     * @param device the example's topic root, {@code tether/<client_id>}: pings go to {@code cmd/ping} under it
     * @param docs   true for the docs' three minutes, then none; false for {@value #STEADY} pings per second until
     *               closed
     */
    static PingTraffic start(MqttProbe probe, String device, boolean docs) {
        PingTraffic traffic = new PingTraffic(probe, device, docs);
        traffic.thread.start();
        return traffic;
    }

    /** @return how long until two thirds of the docs' traffic have run (zero when steady or past) */
    Duration untilTwoThirds() {
        long due = TimeUnit.SECONDS.toNanos((long) (DOCS_PROFILE[DOCS_PROFILE.length - 1][0] * 2 / 3));
        return Duration.ofNanos(Math.max(0, due - (System.nanoTime() - startNanos)));
    }

    /** Waits until the docs' traffic has run its course. */
    void awaitEnd() throws InterruptedException {
        thread.join();
    }

    private void run() {
        long next = System.nanoTime();
        int sent = 0;
        double noteShare = 0;
        while (!stopped) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double pings = docs ? rateAt(DOCS_PROFILE, seconds) : STEADY;
            double notes = docs ? rateAt(DOCS_NOTES, seconds) : 0;
            double rate = pings + notes;
            if (pings <= 0) {
                return;
            }
            noteShare += notes / rate;
            boolean note = noteShare >= 1;
            if (note) {
                noteShare -= 1;
            }
            try {
                probe.publish(device + (note ? "/cmd/note" : "/cmd/ping"), "chart " + sent++, 0);
            } catch (MqttException e) {
                System.err.println("[test] ping traffic stopped: " + e);
                return;
            }
            next += (long) (1e9 / rate);
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    /** @return messages per second at that time of the profile; 0 after its end */
    private static double rateAt(double[][] profile, double seconds) {
        for (int i = 1; i < profile.length; i++) {
            double[] from = profile[i - 1];
            double[] to = profile[i];
            if (seconds <= to[0]) {
                return from[1] + (to[1] - from[1]) * (seconds - from[0]) / (to[0] - from[0]);
            }
        }
        return 0;
    }

    /** Stops the pings; never throws. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(5_000);
    }
}
