package dev.tether.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ResultsJsonTest {

    @Test
    void figuresAreWholeOrRoundedToFourDecimalsAndNullWhereJsonHasNoNumber() throws IOException {
        // given
        List<Object> figures = Arrays.asList(3.0, 1.23456789, 0.00001, -2.5, 12_345_678.123456, Double.NaN,
            Double.POSITIVE_INFINITY, 7, 5L, null);

        // when
        String json = ResultsJson.write(figures);

        // then
        assertThat(json).isEqualTo("[3, 1.2346, 0.0, -2.5, 1.23456781235E7, null, null, 7, 5, null]\n");
    }

    @Test
    void mapsKeepTheirOrderAndAnObjectInAListIsIndentedOneLevelDeeper() throws IOException {
        // given
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", "qos1-64b");
        row.put("complete", true);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("zeta", List.of(row, Map.of()));
        root.put("alpha", Map.of());
        root.put("empty", List.of());

        // when
        String json = ResultsJson.write(root);

        // then
        assertThat(json).isEqualTo("""
            {
              "zeta": [{
                  "key": "qos1-64b",
                  "complete": true
                }, {}],
              "alpha": {},
              "empty": []
            }
            """);
    }

    @Test
    void stringsAreEscapedAsJsonAsks() throws IOException {
        assertThat(ResultsJson.write("say \"hi\"\\\n\t\u0001 é")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\t\\u0001 é\"\n");
    }
}
