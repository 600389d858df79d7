package dev.tether.mqtt.internal.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

import org.junit.jupiter.api.Test;

/** Properties of MQTT's UTF-8 strings (MQTT 3.1.1, 1.5.3), against the JDK's own UTF-8 codec. */
class MqttStringsPropertyTest {

    private static final byte[][] TRICKY = {
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xE0, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0x9F, (byte) 0xBF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF},
        {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF0, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
        {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xFE}, {(byte) 0xFF}, {0}};

    @Test
    void encodesLikeTheJdkOrRefusesWhatUtf8CannotCarry() {
        Trials.forAll(5_000, MqttStringsPropertyTest::javaString, text -> {
            boolean sendable = text.codePoints().noneMatch(c -> c == 0 || c >= 0xD800 && c <= 0xDFFF);
            if (!sendable) {
                // a lone surrogate or U+0000 [MQTT-1.5.3-1], [MQTT-1.5.3-2]
                assertThatIllegalArgumentException().isThrownBy(() -> MqttStrings.encodedLength(text));
                return;
            }
            byte[] expected = text.getBytes(UTF_8);
            assertThat(MqttStrings.encodedLength(text)).isEqualTo(expected.length);
            byte[] written = new byte[3 + expected.length + 2];
            assertThat(MqttStrings.encode(text, written, 3)).isEqualTo(3 + expected.length);
            assertThat(ByteBuffer.wrap(written, 3, expected.length)).isEqualTo(ByteBuffer.wrap(expected));
            assertThat(MqttStrings.decode(written, 3, expected.length, "a string")).isEqualTo(text);
        });
    }

    @Test
    void decodesAsAStrictJdkDecoderDoesExceptForUPlus0000() {
        Trials.forAll(5_000, MqttStringsPropertyTest::utf8ish, bytes -> {
            String strict = strictlyDecoded(bytes);
            byte[] padded = Wire.concat(new byte[] {(byte) 0xFF}, bytes, new byte[] {(byte) 0x80});
            if (strict == null || strict.indexOf('\0') >= 0) {
                assertThatExceptionOfType(MalformedPacketException.class)
                    .isThrownBy(() -> MqttStrings.decode(padded, 1, bytes.length, "a string"))
                    .extracting(MalformedPacketException::reasonCode)
                    .isEqualTo(MalformedPacketException.MALFORMED_PACKET);
            } else {
                assertThat(MqttStrings.decode(padded, 1, bytes.length, "a string")).isEqualTo(strict);
            }
        });
    }

    private static String strictlyDecoded(byte[] bytes) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Any Java string: well-formed text, and UTF-16 code units at random with lone surrogates and U+0000. */
    private static String javaString(Gen gen) {
        StringBuilder text = new StringBuilder();
        int count = gen.size(60, 0, 1);
        for (int i = 0; i < count; i++) {
            switch (gen.between(0, 9)) {
                case 0 -> text.append((char) gen.between(0, 0xFFFF));
                case 1 -> text.append((char) gen.between(0xD800, 0xDFFF));
                case 2 -> text.append(gen.oneIn(10) ? '\0' : (char) gen.between(1, 0x1F));
                default -> text.appendCodePoint(gen.character());
            }
        }
        return text.toString();
    }

    /** Bytes that are UTF-8 in parts: characters, characters cut short, stray bytes and known traps. */
    private static byte[] utf8ish(Gen gen) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int count = gen.size(20, 0, 1);
        for (int i = 0; i < count; i++) {
            byte[] character = new String(Character.toChars(gen.character())).getBytes(UTF_8);
            switch (gen.between(0, 9)) {
                case 0, 1 -> bytes.writeBytes(gen.pick(TRICKY));
                case 2 -> bytes.write(gen.between(0, 255));
                case 3 -> bytes.write(character, 0, gen.between(0, character.length - 1));
                default -> bytes.writeBytes(character);
            }
        }
        return bytes.toByteArray();
    }
}
