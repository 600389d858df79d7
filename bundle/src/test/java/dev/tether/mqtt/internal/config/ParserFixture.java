package dev.tether.mqtt.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds configuration dictionaries and parses them, expecting either valid settings or one problem. */
final class ParserFixture {

    private final SettingsParser parser;

    ParserFixture(SettingsParser parser) {
        this.parser = parser;
    }

    static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    ConnectionSettings validSettings(Map<String, ?> properties) {
        ParsedConfiguration parsed = parser.parseDefault(properties);
        assertThat(parsed.problems()).isEmpty();
        return parsed.settings().orElseThrow();
    }

    ConfigProblem singleProblem(Map<String, ?> properties) {
        ParsedConfiguration parsed = parser.parseDefault(properties);
        assertThat(parsed.settings()).isEmpty();
        assertThat(parsed.problems()).hasSize(1);
        return parsed.problems().get(0);
    }

    /**
     * Expects one problem, on the property the operator must change, and none of the secrets in what the operator is
     * shown of it.
     */
    void expectOneProblem(Map<String, ?> properties, String property, String value, List<String> reasonParts,
            String... secrets) {
        ParsedConfiguration parsed = parser.parseDefault(properties);
        assertThat(parsed.settings()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.property()).isEqualTo(property);
            assertThat(problem.value()).isEqualTo(value);
            assertThat(problem.reason()).contains(reasonParts);
            assertThat(problem.toString()).doesNotContain(secrets);
        });
        assertThat(parsed.describeProblems()).doesNotContain(secrets);
    }
}
