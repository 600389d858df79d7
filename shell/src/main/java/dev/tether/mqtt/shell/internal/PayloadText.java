package dev.tether.mqtt.shell.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A payload as the text of one output line. Control characters (a pretty-printed JSON's line
 * breaks) are escaped so every message stays one line a person or {@code grep} can rely on; a
 * payload that is not UTF-8 is shown as its size and the hex of its first bytes.
 */
final class PayloadText {

    /** Bytes shown in hex of a binary payload; more would swamp the terminal. */
    static final int HEX_BYTES = 32;

    private PayloadText() {
    }

    /** @return the payload as UTF-8 text, escaped to one line; {@code (empty)} or a hex summary */
    static String of(byte[] payload) {
        if (payload.length == 0) {
            return "(empty)";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(payload))
                .toString();
        } catch (CharacterCodingException notUtf8) {
            return hex(payload);
        }
        return oneLine(text);
    }

    /** @return the text with line breaks and other control characters escaped, so it stays one line */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n':
                    line.append("\\n");
                    break;
                case '\r':
                    line.append("\\r");
                    break;
                case '\t':
                    line.append("\\t");
                    break;
                default:
                    if (Character.isISOControl(c)) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
            }
        }
        return line.toString();
    }

    private static String hex(byte[] payload) {
        StringBuilder text = new StringBuilder("(").append(payload.length).append(" bytes, not UTF-8: ");
        int shown = Math.min(payload.length, HEX_BYTES);
        for (int i = 0; i < shown; i++) {
            text.append(String.format("%02x", payload[i] & 0xff));
        }
        return text.append(payload.length > shown ? "...)" : ")").toString();
    }
}
