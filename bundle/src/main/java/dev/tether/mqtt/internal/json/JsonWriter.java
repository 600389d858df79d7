package dev.tether.mqtt.internal.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Writes JSON, for the few documents Tether produces (its status on MQTT, the status page's data, log entries): objects,
 * arrays, strings, numbers, booleans and null, with commas placed by the writer. Strings are escaped as RFC 8259 asks,
 * and {@code <}, {@code >}, {@code &}, U+2028 and U+2029 too, so the text stays inert inside an HTML page or a
 * script. Not thread safe; a writer makes one document.
 *
 * <pre>{@code
 * String json = new JsonWriter().object().field("state", "CONNECTED").field("queued", 3).end().toString();
 * }</pre>
 */
public final class JsonWriter {

    private final StringBuilder out;
    /** Per open container, innermost last: what closes it, and whether it has a value already (a comma before the next). */
    private char[] closers = new char[8];
    private boolean[] started = new boolean[8];
    private int depth;
    private boolean afterName;

    public JsonWriter() {
        this(new StringBuilder(256));
    }

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    public JsonWriter object() {
        return open('{', '}');
    }

    public JsonWriter array() {
        return open('[', ']');
    }

    /** Ends the innermost object or array. */
    public JsonWriter end() {
        if (depth == 0) {
            throw new IllegalStateException("nothing to end");
        }
        out.append(closers[--depth]);
        return this;
    }

    private JsonWriter open(char opener, char closer) {
        beforeValue();
        if (depth == closers.length) {
            closers = Arrays.copyOf(closers, depth * 2);
            started = Arrays.copyOf(started, depth * 2);
        }
        closers[depth] = closer;
        started[depth] = false;
        depth++;
        out.append(opener);
        return this;
    }

    /** Writes a field's name; its value follows. */
    public JsonWriter name(String name) {
        beforeValue();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String text) {
        beforeValue();
        if (text == null) {
            out.append("null");
        } else {
            quote(text);
        }
        return this;
    }

    public JsonWriter value(long number) {
        beforeValue();
        out.append(number);
        return this;
    }

    /** Writes a number with at most three decimals; NaN and infinities, which JSON lacks, as null. */
    public JsonWriter value(double number) {
        beforeValue();
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            out.append("null");
        } else if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            out.append((long) number);
        } else {
            // not "%.3f" with its zeros cut: 0.9999997 would be "1.", which is not JSON
            out.append(BigDecimal.valueOf(number).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        }
        return this;
    }

    public JsonWriter value(boolean flag) {
        beforeValue();
        out.append(flag);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    public JsonWriter field(String name, String text) {
        return name(name).value(text);
    }

    public JsonWriter field(String name, long number) {
        return name(name).value(number);
    }

    public JsonWriter field(String name, double number) {
        return name(name).value(number);
    }

    public JsonWriter field(String name, boolean flag) {
        return name(name).value(flag);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (started[depth - 1]) {
                out.append(',');
            }
            started[depth - 1] = true;
        }
    }

    /** @return the text as a JSON string literal, escaped as the writer escapes */
    public static String string(String text) {
        JsonWriter writer = new JsonWriter(new StringBuilder(text.length() + 2));
        writer.quote(text);
        return writer.toString();
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
