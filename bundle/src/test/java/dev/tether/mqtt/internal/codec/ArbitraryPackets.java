package dev.tether.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** Valid MQTT 3.1.1 packets of every type, with random fields in range; MQTT 5's in {@link ArbitraryMqtt5Packets}. */
final class ArbitraryPackets {

    /** Payloads up to this size, so that some are larger than any decoder buffer the tests use. */
    static final int MAX_PAYLOAD = 70_000;
    private static final int[] PAYLOAD_EDGES = {0, 1, 2, 15, 16, 17, 127, 128, 8_191, 8_192, 8_193, 16_383, 16_384,
        65_535, 65_536, MAX_PAYLOAD};

    private ArbitraryPackets() {
    }

    /** @return a packet that {@code role} may receive on a connection of that version */
    static Packet receivableBy(Role role, Gen gen, int maxPayload, ProtocolVersion version) {
        return version == ProtocolVersion.MQTT_5 ? ArbitraryMqtt5Packets.receivableBy(role, gen, maxPayload)
            : receivableBy(role, gen, maxPayload);
    }

    /** @return a packet that {@code role} may receive */
    static Packet receivableBy(Role role, Gen gen, int maxPayload) {
        return switch (gen.between(0, 9)) {
            case 0, 1, 2 -> publish(gen, maxPayload);
            case 3 -> gen.pick(new PubAck(gen.packetId()), new PubRec(gen.packetId()), new PubRel(gen.packetId()),
                new PubComp(gen.packetId()));
            case 4, 5 -> role == Role.CLIENT ? connAck(gen) : connect(gen);
            case 6, 7 -> role == Role.CLIENT ? subAck(gen) : subscribe(gen);
            case 8 -> role == Role.CLIENT ? new UnsubAck(gen.packetId()) : unsubscribe(gen);
            default -> role == Role.CLIENT ? PingResp.INSTANCE : gen.pick(PingReq.INSTANCE, Disconnect.NORMAL);
        };
    }

    static Publish publish(Gen gen, int maxPayload) {
        int qos = gen.qos();
        byte[] payload = gen.bytes(gen.size(maxPayload, PAYLOAD_EDGES));
        return new Publish(gen.topicName(), payload, qos, gen.bool(), qos > 0 && gen.bool(),
            qos > 0 ? gen.packetId() : 0, Properties.NONE);
    }

    static Connect connect(Gen gen) {
        String clientId = gen.oneIn(5) ? "" : gen.text(1, gen.oneIn(10) ? 200 : 23, c -> true);
        Optional<String> user = gen.bool() ? Optional.of(gen.text(0, 30, c -> true)) : Optional.empty();
        // a password needs a user name [MQTT-3.1.2-22]
        byte[] password = user.isPresent() && gen.bool() ? gen.bytes(gen.size(300, 0, 1, 255, 256)) : null;
        Optional<Connect.Will> will = gen.bool()
            ? Optional.of(new Connect.Will(gen.topicName(), gen.bytes(gen.size(2_000, 0, 1)), gen.qos(), gen.bool()))
            : Optional.empty();
        int keepAlive = gen.oneIn(4) ? gen.pick(0, 1, 65_535) : gen.between(0, 65_535);
        return new Connect(Connect.MQTT_3_1_1, clientId, clientId.isEmpty() || gen.bool(), keepAlive, user, password,
            will, Properties.NONE);
    }

    static ConnAck connAck(Gen gen) {
        return new ConnAck(gen.bool(), gen.between(0, 5), Properties.NONE);
    }

    static Subscribe subscribe(Gen gen) {
        List<Subscribe.Subscription> subscriptions = new ArrayList<>();
        int count = gen.between(1, gen.oneIn(10) ? 200 : 5);
        for (int i = 0; i < count; i++) {
            subscriptions.add(new Subscribe.Subscription(gen.topicFilter(), gen.qos()));
        }
        return new Subscribe(gen.packetId(), subscriptions, Properties.NONE);
    }

    static SubAck subAck(Gen gen) {
        List<Integer> codes = new ArrayList<>();
        int count = gen.between(1, gen.oneIn(10) ? 2_000 : 5);
        for (int i = 0; i < count; i++) {
            codes.add(gen.pick(0, 1, 2, SubAck.FAILURE));
        }
        return new SubAck(gen.packetId(), codes, Properties.NONE);
    }

    static Unsubscribe unsubscribe(Gen gen) {
        List<String> filters = new ArrayList<>();
        int count = gen.between(1, gen.oneIn(10) ? 200 : 5);
        for (int i = 0; i < count; i++) {
            filters.add(gen.topicFilter());
        }
        return new Unsubscribe(gen.packetId(), filters, Properties.NONE);
    }
}
