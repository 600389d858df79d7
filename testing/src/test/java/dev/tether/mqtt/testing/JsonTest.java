package dev.tether.mqtt.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsNestedObjectsArraysAndScalars() {
        // given a document with every kind of value
        String text = "{\"a\":1,\"b\":{\"c\":[\"x\\\"y\\u00e9\",2.5,-3e2,true,false,null]},\"d\":{}, \"e\" : [ ] }";

        // when it is read
        Map<String, Object> json = Json.object(text);

        // then each value has its Java type, in document order
        assertThat(json).containsOnlyKeys("a", "b", "d", "e");
        assertThat(json.get("a")).isEqualTo(1L);
        assertThat(Json.at(json, "b", "c")).isEqualTo(Arrays.asList("x\"y\u00e9", 2.5, -300.0, true, false, null));
        assertThat(Json.at(json, "d")).isEqualTo(Map.of());
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("{\"a\":1")).withMessageContaining("expected");
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("{\"a\":01}"));
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("[1] 2"))
            .withMessageContaining("text after the value");
        assertThatIllegalArgumentException().isThrownBy(() -> Json.at(Json.object("{\"a\":{}}"), "a", "b"))
            .withMessageContaining("no field 'b'");
    }
}
