package dev.tether.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The typed view of properties the session layer reads, the builder it writes with, and the reason code names. */
class PropertiesTest {

    @Test
    void readsEachDataTypeThroughItsAccessor() {
        // given
        Properties properties = Properties.builder().integer(PropertyIds.SESSION_EXPIRY_INTERVAL, 0xFFFF_FFFFL)
            .string(PropertyIds.CONTENT_TYPE, "text/plain").binary(PropertyIds.CORRELATION_DATA, new byte[] {1, 2})
            .userProperty("a", "1").userProperty("a", "2").subscriptionIdentifier(3).subscriptionIdentifier(300)
            .build();

        // then
        assertThat(properties.integer(PropertyIds.SESSION_EXPIRY_INTERVAL)).hasValue(4_294_967_295L);
        assertThat(properties.integer(PropertyIds.RECEIVE_MAXIMUM)).isEmpty();
        assertThat(properties.string(PropertyIds.CONTENT_TYPE)).hasValue("text/plain");
        assertThat(properties.binary(PropertyIds.CORRELATION_DATA).orElseThrow()).containsExactly(1, 2);
        assertThat(properties.userProperties()).containsExactly(new Properties.UserProperty("a", "1"),
            new Properties.UserProperty("a", "2"));
        assertThat(properties.subscriptionIdentifiers()).containsExactly(3, 300);
        assertThat(properties.contains(PropertyIds.TOPIC_ALIAS)).isFalse();
    }

    @Test
    void anEmptyBuilderGivesTheSharedEmptyProperties() {
        assertThat(Properties.builder().build()).isSameAs(Properties.NONE);
    }

    @Test
    void comparesBinaryValuesByContent() {
        assertThat(Properties.builder().binary(PropertyIds.CORRELATION_DATA, new byte[] {1}).build())
            .isEqualTo(Properties.builder().binary(PropertyIds.CORRELATION_DATA, new byte[] {1}).build())
            .hasSameHashCodeAs(Properties.builder().binary(PropertyIds.CORRELATION_DATA, new byte[] {1}).build());
    }

    @Test
    void refusesAValueOfAnotherDataTypeOrAnUnknownIdentifier() {
        assertThatIllegalArgumentException().isThrownBy(() -> Properties.builder().string(PropertyIds.TOPIC_ALIAS, "1"))
            .withMessage("the Topic Alias property holds a TWO_BYTE_INTEGER, not String");
        assertThatIllegalArgumentException().isThrownBy(() -> new Properties.Property(0x05, 1L))
            .withMessage("0x05 is not an MQTT 5 property identifier");
        assertThatIllegalArgumentException().isThrownBy(() -> Properties.NONE.string(PropertyIds.TOPIC_ALIAS))
            .withMessage("the Topic Alias property holds a TWO_BYTE_INTEGER, not a String");
    }

    @Test
    void theTableSaysWhereEachPropertyMayAppear() {
        assertThat(PropertyIds.definition(PropertyIds.WILL_DELAY_INTERVAL).allowedIn(PropertyIds.WILL)).isTrue();
        assertThat(PropertyIds.definition(PropertyIds.WILL_DELAY_INTERVAL)
            .allowedIn(PacketType.CONNECT.code())).isFalse();
        assertThat(PropertyIds.definition(PropertyIds.USER_PROPERTY).allowedIn(PacketType.AUTH.code())).isTrue();
        assertThat(PropertyIds.definition(PropertyIds.USER_PROPERTY).allowedIn(PacketType.PINGREQ.code())).isFalse();
        // 27 properties, none of the others defined (MQTT 5.0, 2.2.2.2)
        int defined = 0;
        for (int id = 0; id < 256; id++) {
            defined += PropertyIds.definition(id) == null ? 0 : 1;
        }
        assertThat(defined).isEqualTo(27);
    }

    @Test
    void namesReasonCodesForMessages() {
        assertThat(ReasonCodes.describe(0x87)).isEqualTo("0x87 not authorized");
        assertThat(ReasonCodes.describe(0xA2)).isEqualTo("0xA2 wildcard subscriptions not supported");
        assertThat(ReasonCodes.describe(PacketType.DISCONNECT, 0)).isEqualTo("0x00 normal disconnection");
        assertThat(ReasonCodes.describe(PacketType.SUBACK, 0)).isEqualTo("0x00 granted QoS 0");
        assertThat(ReasonCodes.describe(0x03)).isEqualTo("0x03 unknown reason code");
        assertThat(ReasonCodes.validFor(PacketType.PUBREL, 0x92)).isTrue();
        assertThat(ReasonCodes.validFor(PacketType.PUBACK, 0x92)).isFalse();
        assertThat(ReasonCodes.validFor(PacketType.PINGREQ, 0)).isFalse();
        assertThat(ReasonCodes.isFailure(0x80)).isTrue();
        assertThat(ReasonCodes.isFailure(0x11)).isFalse();
        assertThat(List.of(0x00, 0x01, 0x02, 0x04, 0x10, 0x11, 0x18, 0x19)).allSatisfy(code ->
            assertThat(ReasonCodes.name(code)).isNotEqualTo("unknown reason code"));
        for (int code = 0x80; code <= 0xA2; code++) {
            assertThat(ReasonCodes.name(code)).as("0x%02X", code).isNotEqualTo("unknown reason code");
        }
    }
}
