package dev.tether.mqtt.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PayloadTextTest {

    @Test
    void utf8TextIsShownAsItIs() {
        assertThat(PayloadText.of("21.5 °C ✓".getBytes(StandardCharsets.UTF_8))).isEqualTo("21.5 °C ✓");
    }

    @Test
    void controlCharactersAreEscapedSoEachMessageStaysOneLine() {
        assertThat(PayloadText.of("{\n\t\"a\": 1\r\n}\u0007".getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("{\\n\\t\"a\": 1\\r\\n}\\u0007");
    }

    @Test
    void emptyPayloadIsNamed() {
        assertThat(PayloadText.of(new byte[0])).isEqualTo("(empty)");
    }

    @Test
    void binaryPayloadShowsItsSizeAndFirstBytesInHex() {
        byte[] payload = new byte[40];
        payload[0] = (byte) 0xc3;
        payload[1] = 0x28;
        assertThat(PayloadText.of(payload)).isEqualTo("(40 bytes, not UTF-8: c328" + "00".repeat(30) + "...)");
    }
}
