package dev.tether.mqtt.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonWriterTest {

    @Test
    void nestedObjectsAndArraysGetTheirCommas() {
        String json = new JsonWriter().object().field("a", 1).name("b").array().value("x").value(2.5).nullValue()
            .object().end().end().field("c", true).end().toString();

        assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",2.5,null,{}],\"c\":true}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "quote and backslash|a\"b\\c|'\"a\\\"b\\\\c\"'",
        "line ends and tab|'x\ny\rz\tw'|'\"x\\ny\\rz\\tw\"'",
        "markup stays inert in a page|</script>&|'\"\\u003c/script\\u003e\\u0026\"'",
        "JavaScript line separators|'\u2028\u2029'|'\"\\u2028\\u2029\"'",
        "a control character|'\u0001'|'\"\\u0001\"'",
        "non-ASCII as it is|'caf\u00e9 \ud83c\udf21'|'\"caf\u00e9 \ud83c\udf21\"'"})
    void stringsAreEscaped(String what, String text, String json) {
        assertThat(JsonWriter.string(text)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"3.0, 3", "0.125, 0.125", "2.3456, 2.346", "-0.5, -0.5", "0.9999997, 1", "0.0000001, 0", "12.5004, 12.5"})
    void numbersAreShort(double number, String json) {
        assertThat(new JsonWriter().value(number).toString()).isEqualTo(json);
    }

    @Test
    void numbersJsonHasNotAreNull() {
        assertThat(new JsonWriter().array().value(Double.NaN).value(Double.POSITIVE_INFINITY).end().toString())
            .isEqualTo("[null,null]");
    }

    @Test
    void aNullStringIsNull() {
        assertThat(new JsonWriter().object().field("a", (String) null).end().toString()).isEqualTo("{\"a\":null}");
    }

    @Test
    void deepNestingGrows() {
        JsonWriter writer = new JsonWriter();
        for (int i = 0; i < 20; i++) {
            writer.array();
        }
        for (int i = 0; i < 20; i++) {
            writer.end();
        }
        assertThat(writer.toString()).isEqualTo("[".repeat(20) + "]".repeat(20));
    }

    @Test
    void endingNothingIsAMistake() {
        assertThatIllegalStateException().isThrownBy(() -> new JsonWriter().end());
    }
}
