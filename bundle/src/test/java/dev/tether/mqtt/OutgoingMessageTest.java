package dev.tether.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.SubscriptionOptions.RetainHandling;

/** The MQTT 5 value objects of the API: what they keep, what they refuse, and that they cannot be changed after. */
class OutgoingMessageTest {

    @Test
    void builderKeepsEveryField() {
        // given / when
        byte[] correlation = {1, 2};
        OutgoingMessage message = OutgoingMessage.to("a/b").payload("hi").qos(2).retain(true).payloadUtf8(true)
            .messageExpiry(Duration.ofSeconds(30)).contentType("text/plain").responseTopic("r/1")
            .correlationData(correlation).userProperty("k", "v").userProperty("k", "w").build();
        correlation[0] = 9;

        // then
        assertThat(message.topic()).isEqualTo("a/b");
        assertThat(message.payload()).containsExactly('h', 'i');
        assertThat(message.qos()).isEqualTo(2);
        assertThat(message.retain()).isTrue();
        MessageProperties properties = message.properties();
        assertThat(properties.payloadUtf8()).isTrue();
        assertThat(properties.messageExpirySeconds()).hasValue(30);
        assertThat(properties.contentType()).contains("text/plain");
        assertThat(properties.responseTopic()).contains("r/1");
        assertThat(properties.correlationData()).hasValueSatisfying(data -> assertThat(data).containsExactly(1, 2));
        assertThat(properties.userProperties()).containsExactly(new UserProperty("k", "v"), new UserProperty("k", "w"));
        assertThat(properties.isEmpty()).isFalse();
    }

    @Test
    void aPlainMessageHasNoProperties() {
        // given / when
        OutgoingMessage message = OutgoingMessage.to("a").build();

        // then
        assertThat(message.properties().isEmpty()).isTrue();
        assertThat(message.properties().messageExpirySeconds()).isEmpty();
        assertThat(message.payload()).isEmpty();
        assertThat(MessageProperties.NONE.isEmpty()).isTrue();
    }

    @Test
    void correlationDataHandedOutIsACopy() {
        // given
        MessageProperties properties = MessageProperties.builder().correlationData(new byte[] {5}).build();

        // when
        properties.correlationData().orElseThrow()[0] = 7;

        // then
        assertThat(properties.correlationData().orElseThrow()).containsExactly(5);
    }

    @Test
    void invalidValuesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> OutgoingMessage.to("a").qos(3)).hasMessageContaining("QoS 3");
        assertThatThrownBy(() -> MessageProperties.builder().messageExpiry(Duration.ofMillis(1500)))
            .hasMessageContaining("PT1.5S");
        assertThatThrownBy(() -> MessageProperties.builder().messageExpiry(Duration.ofSeconds(0x1_0000_0000L)))
            .hasMessageContaining("4294967295");
        assertThatThrownBy(() -> MessageProperties.builder().responseTopic("r/#")).hasMessageContaining("r/#");
        assertThatThrownBy(() -> new SubscriptionOptions(3, false, false, RetainHandling.DO_NOT_SEND))
            .hasMessageContaining("QoS 3");
    }

    @Test
    void toBuilderChangesACopy() {
        // given
        MessageProperties original = MessageProperties.builder().contentType("a").userProperty("k", "v").build();

        // when
        MessageProperties changed = original.toBuilder().contentType("b").build();

        // then
        assertThat(original.contentType()).contains("a");
        assertThat(changed.contentType()).contains("b");
        assertThat(changed.userProperties()).containsExactly(new UserProperty("k", "v"));
    }
}
