package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** UTF-8 encoded strings (MQTT 3.1.1, 1.5.3). */
class MqttStringsTest {

    /** 1.5.3.1, Figure 1.2: "A" followed by U+2A6D4 (CJK ideograph extension B). */
    private static final String SPEC_EXAMPLE = "A\uD869\uDED4";

    @Test
    void writesTheExampleOfFigure12() {
        // given
        PacketBuffer out = new PacketBuffer(8);

        // when
        out.writeString(SPEC_EXAMPLE, MqttStrings.encodedLength(SPEC_EXAMPLE));

        // then
        assertThat(hex(out.toByteArray())).isEqualTo("00 05 41 F0 AA 9B 94");
    }

    @Test
    void readsTheExampleOfFigure12() throws MalformedPacketException {
        assertThat(MqttStrings.decode(hex("41 F0 AA 9B 94"), 0, 5, "the example")).isEqualTo(SPEC_EXAMPLE);
    }

    @ParameterizedTest(name = "U+{0} is {1} bytes")
    @CsvSource({"0041, 1", "007F, 1", "0080, 2", "07FF, 2", "0800, 3", "FFFF, 3", "1F600, 4", "10FFFF, 4"})
    void measuresEachCharacterAsUtf8Does(String codePoint, int bytes) {
        assertThat(MqttStrings.encodedLength(Character.toString(Integer.parseInt(codePoint, 16)))).isEqualTo(bytes);
    }

    @Test
    void keepsAByteOrderMarkWhereverItIs() throws MalformedPacketException {
        // EF BB BF is U+FEFF and is neither skipped nor stripped [MQTT-1.5.3-3]
        assertThat(MqttStrings.decode(hex("EF BB BF 61 EF BB BF"), 0, 7, "a topic")).isEqualTo("\uFEFFa\uFEFF");
    }

    @Test
    void acceptsControlCharactersAndNonCharacters() throws MalformedPacketException {
        // U+0001..U+001F and U+FFFF SHOULD NOT be sent, and a receiver MAY close: this one does not (1.5.3)
        assertThat(MqttStrings.decode(hex("01 1F 7F EF BF BF"), 0, 6, "a topic")).isEqualTo("\u0001\u001F\u007F\uFFFF");
    }

    static Stream<Arguments> illFormed() {
        return Stream.of(
            arguments("overlong U+0000", "C0 80"),
            arguments("overlong '/'", "C0 AF"),
            arguments("overlong, 2 bytes", "C1 BF"),
            arguments("overlong, 3 bytes", "E0 80 AF"),
            arguments("overlong, 4 bytes", "F0 80 80 AF"),
            arguments("surrogate U+D800", "ED A0 80"),
            arguments("surrogate U+DFFF", "ED BF BF"),
            arguments("surrogate pair as CESU-8", "ED A0 BD ED B8 80"),
            arguments("U+110000", "F4 90 80 80"),
            arguments("lead byte F5", "F5 80 80 80"),
            arguments("five bytes", "F8 88 80 80 80"),
            arguments("byte FE", "FE"),
            arguments("byte FF", "FF"),
            arguments("3 bytes cut after 2", "E2 82"),
            arguments("4 bytes cut after 3", "F0 9F 98"),
            arguments("2 bytes cut after 1, at the end", "61 C3"),
            arguments("a continuation byte missing", "E2 28 A1"),
            arguments("a lone continuation byte", "80"),
            arguments("a continuation byte between letters", "61 BF 62"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("illFormed")
    void refusesIllFormedUtf8(String what, String bytes) {
        // [MQTT-1.5.3-1]
        byte[] encoded = hex(bytes);
        assertThatExceptionOfType(MalformedPacketException.class)
            .isThrownBy(() -> MqttStrings.decode(encoded, 0, encoded.length, "the topic name"))
            .withMessageStartingWith("the topic name is not well-formed UTF-8").withMessageEndingWith("[MQTT-1.5.3-1]")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"00, 0", "61 00, 1", "C3 A9 00 62, 2"})
    void refusesUPlus0000(String bytes, int at) {
        // [MQTT-1.5.3-2]
        byte[] encoded = hex(bytes);
        assertThatExceptionOfType(MalformedPacketException.class)
            .isThrownBy(() -> MqttStrings.decode(encoded, 0, encoded.length, "the client identifier"))
            .withMessage("the client identifier contains U+0000 at byte " + at + " [MQTT-1.5.3-2]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a lone high surrogate, a\uD800", "a lone low surrogate, \uDC00b", "a reversed pair, \uDC00\uD800"})
    void refusesToMeasureALoneSurrogate(String what, String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> MqttStrings.encodedLength(text))
            .withMessageContaining("lone surrogate");
    }

    @Test
    void refusesToMeasureUPlus0000() {
        assertThatIllegalArgumentException().isThrownBy(() -> MqttStrings.encodedLength("a\0b"))
            .withMessageContaining("[MQTT-1.5.3-2]");
    }

    @Test
    void hasNoProblemWith65535Bytes() {
        assertThat(MqttStrings.problem("\u00E9".repeat(32_767) + "a")).isNull();
    }

    @Test
    void saysWhenAStringIsLongerThan65535Bytes() {
        assertThat(MqttStrings.problem("\u00E9".repeat(32_768))).isEqualTo(
            "is 65536 bytes in UTF-8, more than the 65535 MQTT allows");
    }
}
