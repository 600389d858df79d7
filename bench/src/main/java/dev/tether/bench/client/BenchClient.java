package dev.tether.bench.client;

import java.util.concurrent.CompletionStage;

/** One MQTT connection of one client library, connected, as the benchmark drives it. */
public interface BenchClient extends AutoCloseable {

    /**
     * Subscribes the sink to a topic the way a user of this client receives messages.
     *
     * @return completes when the broker acknowledged the subscription, or at once when the client cannot tell (the
     *         benchmark then probes until a message arrives)
     */
    CompletionStage<?> subscribe(String topic, int qos, MessageSink sink) throws Exception;

    /**
     * Subscribes with a listener that does nothing, the client's cheapest way, with no bookkeeping of the harness:
     * for measuring what a subscription costs.
     *
     * @return completes when the broker acknowledged it
     */
    CompletionStage<?> subscribeIdle(String topicFilter, int qos) throws Exception;

    /**
     * Publishes without blocking on the network.
     *
     * @return completes when QoS 0 was written or QoS 1/2 acknowledged; exceptionally when that failed
     */
    CompletionStage<?> publish(String topic, byte[] payload, int qos);

    /** Disconnects and frees the client's threads. */
    @Override
    void close();
}
