package dev.tether.mqtt.internal.metatype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The README's configuration table is the operator's manual: it must list every property with its real default. */
class ReadmeConfigurationTableTest {

    private static Map<String, String> readmeRows() throws IOException {
        Path readme = Path.of(System.getProperty("user.dir")).resolve("../README.md").normalize();
        return Files.readAllLines(readme, StandardCharsets.UTF_8).stream()
            .filter(line -> line.startsWith("| `"))
            .collect(Collectors.toMap(line -> line.substring(3, line.indexOf('`', 3)), Function.identity(),
                (first, second) -> first));
    }

    @Test
    void everyPropertyIsInTheReadmeWithItsDefault() throws IOException {
        Map<String, String> rows = readmeRows();

        for (Property property : SettingsCatalog.namedConnection()) {
            assertThat(rows).as("README row for %s", property.id()).containsKey(property.id());
            if (!property.id().equals("name")) {
                String cells = rows.get(property.id());
                assertThat(cells.split("\\|")[3].trim()).as("README default of %s", property.id())
                    .isEqualTo("`" + (property.defaultValue().isEmpty() ? "\"\"" : property.defaultValue()) + "`");
            }
        }
    }
}
