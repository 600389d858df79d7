package dev.tether.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * Compares packets field by field: the records holding a byte[] (PUBLISH, CONNECT) compare it by reference in
 * their equals, so their arrays are compared here by content.
 */
final class SamePacket {

    private SamePacket() {
    }

    static void assertSamePacket(Packet actual, Packet expected) {
        if (expected instanceof Publish publish) {
            assertThat(actual).isInstanceOf(Publish.class);
            Publish read = (Publish) actual;
            assertThat(read.topic()).as("topic").isEqualTo(publish.topic());
            assertThat(read.qos()).as("qos").isEqualTo(publish.qos());
            assertThat(read.retain()).as("retain").isEqualTo(publish.retain());
            assertThat(read.duplicate()).as("duplicate").isEqualTo(publish.duplicate());
            assertThat(read.packetId()).as("packet id").isEqualTo(publish.packetId());
            assertThat(read.properties()).isEqualTo(publish.properties());
            assertThat(Arrays.equals(read.payload(), publish.payload()))
                .as("payload of %d bytes, read %d", publish.payload().length, read.payload().length).isTrue();
        } else if (expected instanceof Connect connect) {
            assertThat(actual).isInstanceOf(Connect.class);
            Connect read = (Connect) actual;
            assertThat(read.protocolLevel()).as("protocol level").isEqualTo(connect.protocolLevel());
            assertThat(read.clientId()).as("client id").isEqualTo(connect.clientId());
            assertThat(read.cleanSession()).as("clean session").isEqualTo(connect.cleanSession());
            assertThat(read.keepAliveSeconds()).as("keep alive").isEqualTo(connect.keepAliveSeconds());
            assertThat(read.userName()).as("user name").isEqualTo(connect.userName());
            assertThat(Arrays.equals(read.password(), connect.password())).as("password").isTrue();
            assertThat(read.will().isPresent()).as("will").isEqualTo(connect.will().isPresent());
            connect.will().ifPresent(will -> {
                Connect.Will readWill = read.will().orElseThrow();
                assertThat(readWill.topic()).as("will topic").isEqualTo(will.topic());
                assertThat(readWill.qos()).as("will qos").isEqualTo(will.qos());
                assertThat(readWill.retain()).as("will retain").isEqualTo(will.retain());
                assertThat(Arrays.equals(readWill.payload(), will.payload())).as("will payload").isTrue();
                assertThat(readWill.properties()).as("will properties").isEqualTo(will.properties());
            });
            assertThat(read.properties()).isEqualTo(connect.properties());
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
