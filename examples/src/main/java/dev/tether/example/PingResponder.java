package dev.tether.example;

import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;

/**
 * Answers {@code tether/<client_id>/cmd/ping} with {@code pong <payload>} on {@code tether/<client_id>/reply}. The
 * model of a whiteboard listener: Tether subscribes it while it is registered, re-subscribes it after every
 * reconnect, and fills in the client id.
 */
@Component(property = {
    MqttMessageListener.TOPIC_PROPERTY + "=tether/" + MqttMessageListener.CLIENT_ID_PLACEHOLDER + "/cmd/#",
    MqttMessageListener.QOS_PROPERTY + "=1"})
public final class PingResponder implements MqttMessageListener {

    private static final String PING = "/cmd/ping";

    private final MqttService mqtt;

    @Activate
    public PingResponder(@Reference(target = "(mqtt.connection=default)") MqttService mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public void messageArrived(MqttMessage message) {
        String topic = message.topic();
        if (!topic.endsWith(PING)) {
            return; // other commands are for other bundles
        }
        // the reply goes beside cmd/, not under it, or this listener would receive its own answers
        String device = topic.substring(0, topic.length() - PING.length());
        String question = new String(message.payload(), StandardCharsets.UTF_8);
        mqtt.publish(device + "/reply", question.isEmpty() ? "pong" : "pong " + question, 1, false);
    }
}
