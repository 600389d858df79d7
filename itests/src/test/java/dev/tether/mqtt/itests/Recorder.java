package dev.tether.mqtt.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;

/** A listener that keeps what it receives, for assertions. */
public final class Recorder implements MqttMessageListener {

    private final List<MqttMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void messageArrived(MqttMessage message) {
        messages.add(message);
    }

    /** @return the payloads received, as text, in arrival order */
    public List<String> payloads() {
        return messages.stream().map(MqttMessage::payloadAsString).collect(Collectors.toList());
    }

    /** @return the payloads received on one topic, in arrival order */
    public List<String> payloads(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).map(MqttMessage::payloadAsString)
            .collect(Collectors.toList());
    }

    /** @return the topics received, in arrival order */
    public List<String> topics() {
        return messages.stream().map(MqttMessage::topic).collect(Collectors.toList());
    }

    /** Forgets everything received so far. */
    public void clear() {
        messages.clear();
    }
}
