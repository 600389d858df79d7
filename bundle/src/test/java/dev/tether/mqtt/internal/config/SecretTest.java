package dev.tether.mqtt.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toStringNeverShowsTheValue() {
        // given
        Secret secret = new Secret("hunter2");

        // when
        String text = secret.toString();

        // then
        assertThat(text).doesNotContain("hunter2").isEqualTo("********");
    }

    @Test
    void emptySecretShowsNothing() {
        // given / when / then
        assertThat(Secret.NONE.toString()).isEmpty();
        assertThat(Secret.NONE.isEmpty()).isTrue();
    }

    @Test
    void revealHandsOutACopy() {
        // given
        Secret secret = new Secret("hunter2");

        // when
        char[] revealed = secret.reveal();
        revealed[0] = 'X';

        // then
        assertThat(secret.reveal()).containsExactly("hunter2".toCharArray());
    }

    @Test
    void secretsWithEqualValuesAreEqual() {
        // given / when / then
        assertThat(new Secret("a")).isEqualTo(new Secret("a")).hasSameHashCodeAs(new Secret("a"))
            .isNotEqualTo(new Secret("b"));
    }
}
