package dev.tether.mqtt.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.moquette.interception.messages.InterceptUnsubscribeMessage;

/**
 * Moquette's interceptor for {@link EmbeddedMoquette.Builder#recording()}: what clients sent, across restarts.
 * Moquette calls it on a thread of its own, after it handled the packet.
 */
final class PacketRecorder extends AbstractInterceptHandler {

    private final List<String> subscriptionPackets = new CopyOnWriteArrayList<>();
    private final List<String> publishedPayloads = new CopyOnWriteArrayList<>();

    List<String> subscriptionPackets() {
        return List.copyOf(subscriptionPackets);
    }

    List<String> publishedPayloads() {
        return List.copyOf(publishedPayloads);
    }

    @Override
    public String getID() {
        return "tether-packet-recorder";
    }

    @Override
    public void onSubscribe(InterceptSubscribeMessage message) {
        subscriptionPackets.add("SUBSCRIBE " + message.getTopicFilter() + " " + message.getRequestedQos().value());
    }

    @Override
    public void onUnsubscribe(InterceptUnsubscribeMessage message) {
        subscriptionPackets.add("UNSUBSCRIBE " + message.getTopicFilter());
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        publishedPayloads.add(message.getPayload().toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        // the tests look at packets, not at the broker's internals
    }
}
