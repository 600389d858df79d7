package dev.tether.mqtt.internal.connection;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;

/**
 * Paho's keep-alive, checked four times per interval instead of once, on the connection's own
 * scheduler instead of a timer thread of Paho's. Paho declares the connection dead when a PINGREQ
 * is outstanding and nothing has arrived for keep_alive seconds, but it only looks every keep_alive
 * seconds: a peer that vanished without a FIN (a NAT that forgot the flow) is noticed after up to
 * two intervals. Looking every quarter interval notices it within 1.5 × keep_alive.
 */
final class PromptPingSender extends ScheduledExecutorPingSender {

    private static final long MIN_CHECK_MILLIS = 250;

    private final long checkMillis;

    PromptPingSender(ScheduledExecutorService scheduler, int keepAliveSeconds) {
        super(scheduler);
        this.checkMillis = Math.max(MIN_CHECK_MILLIS, keepAliveSeconds * 1000L / 4);
    }

    @Override
    public void schedule(long delayInMilliseconds) {
        try {
            super.schedule(Math.min(delayInMilliseconds, checkMillis));
        } catch (RejectedExecutionException closed) {
            // Paho's receiver may still ask for a ping while the connection closes: there is nothing left to keep
            // alive, and an exception here would end Paho's thread with a stack trace
        }
    }
}
