package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.ArbitraryProperties.reasonCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** Valid MQTT 5 packets of every type, with random fields, reason codes and properties. */
final class ArbitraryMqtt5Packets {

    private ArbitraryMqtt5Packets() {
    }

    /** @return a packet that {@code role} may receive on MQTT 5 */
    static Packet receivableBy(Role role, Gen gen, int maxPayload) {
        boolean client = role == Role.CLIENT;
        return switch (gen.between(0, 11)) {
            case 0, 1, 2 -> publish(gen, maxPayload, role);
            case 3 -> ack(gen);
            case 4 -> client ? connAck(gen) : connect(gen);
            case 5 -> client ? codes(gen, PacketType.SUBACK) : subscribe(gen);
            case 6 -> client ? codes(gen, PacketType.UNSUBACK) : unsubscribe(gen);
            case 7, 8 -> disconnect(gen, role);
            case 9 -> new Auth(reasonCode(gen, PacketType.AUTH), properties(gen, PacketType.AUTH));
            default -> client ? PingResp.INSTANCE : PingReq.INSTANCE;
        };
    }

    private static Properties properties(Gen gen, PacketType type, int... exclude) {
        return ArbitraryProperties.of(gen, type.code(), exclude);
    }

    static Publish publish(Gen gen, int maxPayload, Role receiver) {
        int qos = gen.qos();
        Publish shape = ArbitraryPackets.publish(gen, maxPayload);
        // a client never sends a Subscription Identifier [MQTT-3.3.4-6]
        Properties properties = receiver == Role.SERVER
            ? properties(gen, PacketType.PUBLISH, PropertyIds.SUBSCRIPTION_IDENTIFIER)
            : properties(gen, PacketType.PUBLISH);
        String topic = properties.contains(PropertyIds.TOPIC_ALIAS) && gen.bool() ? "" : shape.topic();
        return new Publish(topic, shape.payload(), qos, gen.bool(), qos > 0 && gen.bool(), qos > 0 ? gen.packetId() : 0,
            properties);
    }

    private static Packet ack(Gen gen) {
        PacketType type = gen.pick(PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP);
        int packetId = gen.packetId();
        int reasonCode = reasonCode(gen, type);
        Properties properties = properties(gen, type);
        return switch (type) {
            case PUBACK -> new PubAck(packetId, reasonCode, properties);
            case PUBREC -> new PubRec(packetId, reasonCode, properties);
            case PUBREL -> new PubRel(packetId, reasonCode, properties);
            default -> new PubComp(packetId, reasonCode, properties);
        };
    }

    static Connect connect(Gen gen) {
        Connect shape = ArbitraryPackets.connect(gen);
        // MQTT 5 allows a password without a user name (3.1.2.9)
        byte[] password = gen.oneIn(4) ? gen.bytes(gen.size(50, 0, 1)) : shape.password();
        Optional<Connect.Will> will = shape.will().map(w -> new Connect.Will(w.topic(), w.payload(), w.qos(),
            w.retain(), ArbitraryProperties.of(gen, PropertyIds.WILL)));
        return new Connect(Connect.MQTT_5, shape.clientId(), shape.cleanSession(), shape.keepAliveSeconds(),
            shape.userName(), password, will, properties(gen, PacketType.CONNECT));
    }

    static ConnAck connAck(Gen gen) {
        int reasonCode = reasonCode(gen, PacketType.CONNACK);
        // Session Present only on success [MQTT-3.2.2-6]
        return new ConnAck(reasonCode == 0 && gen.bool(), reasonCode, properties(gen, PacketType.CONNACK));
    }

    static Subscribe subscribe(Gen gen) {
        List<Subscribe.Subscription> subscriptions = new ArrayList<>();
        int count = gen.between(1, gen.oneIn(10) ? 200 : 5);
        for (int i = 0; i < count; i++) {
            subscriptions.add(new Subscribe.Subscription(gen.topicFilter(), gen.qos(), gen.bool(), gen.bool(),
                gen.between(0, 2)));
        }
        return new Subscribe(gen.packetId(), subscriptions, properties(gen, PacketType.SUBSCRIBE));
    }

    static Unsubscribe unsubscribe(Gen gen) {
        Unsubscribe shape = ArbitraryPackets.unsubscribe(gen);
        return new Unsubscribe(shape.packetId(), shape.filters(), properties(gen, PacketType.UNSUBSCRIBE));
    }

    private static Packet codes(Gen gen, PacketType type) {
        List<Integer> codes = new ArrayList<>();
        int count = gen.between(1, gen.oneIn(10) ? 2_000 : 5);
        for (int i = 0; i < count; i++) {
            codes.add(reasonCode(gen, type));
        }
        Properties properties = properties(gen, type);
        return type == PacketType.SUBACK ? new SubAck(gen.packetId(), codes, properties)
            : new UnsubAck(gen.packetId(), codes, properties);
    }

    private static Disconnect disconnect(Gen gen, Role receiver) {
        // a server never sends a Session Expiry Interval [MQTT-3.14.2-2]
        Properties properties = receiver == Role.CLIENT
            ? properties(gen, PacketType.DISCONNECT, PropertyIds.SESSION_EXPIRY_INTERVAL)
            : properties(gen, PacketType.DISCONNECT);
        return new Disconnect(reasonCode(gen, PacketType.DISCONNECT), properties);
    }
}
