package dev.tether.mqtt.metatype.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.internal.metatype.Property;
import dev.tether.mqtt.internal.metatype.SettingsCatalog;

/**
 * {@code docs/configuration.md} is the operator's manual of every property: it must be what the catalog generates.
 * With {@code -Dtether.docs.write=true} this test writes the file instead of comparing it.
 */
class ConfigurationReferenceTest {

    private static final Path FILE = Path.of(System.getProperty("user.dir")).resolve("..")
        .resolve(ConfigurationReference.FILE).normalize();

    @Test
    void theCommittedReferenceIsWhatTheCatalogGenerates() throws IOException {
        // given
        String generated = ConfigurationReference.render();
        if (Boolean.getBoolean("tether.docs.write")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
            System.out.println("[docs] wrote " + FILE);
        }

        // when
        String committed = Files.exists(FILE)
            ? Files.readString(FILE, StandardCharsets.UTF_8).replace("\r\n", "\n") : null;

        // then
        if (!generated.equals(committed)) {
            fail(ConfigurationReference.FILE + " is not what SettingsCatalog generates"
                + (committed == null ? " (it is missing)" : ", " + firstDifference(committed, generated))
                + "\nRegenerate it, in the repository's root, with:\n  " + ConfigurationReference.REGENERATE);
        }
    }

    @Test
    void everyPropertyHasOneRowWithItsDefault() {
        // given
        List<String> lines = ConfigurationReference.render().lines().toList();

        for (Property property : SettingsCatalog.namedConnection()) {
            // when
            List<String> rows = lines.stream().filter(line -> line.startsWith("| `" + property.id() + "`<br>")).toList();

            // then
            assertThat(rows).as("rows of %s", property.id()).hasSize(1);
            String defaultCell = rows.get(0).split(" \\| ")[2];
            assertThat(defaultCell).as("default of %s", property.id()).isEqualTo(
                property.defaultValue().isEmpty() ? "*empty*" : "`" + property.defaultValue() + "`");
        }
    }

    @Test
    void boundsOptionsAndPasswordsAreShown() {
        // given
        String reference = ConfigurationReference.render();
        Property bounded = SettingsCatalog.KEEP_ALIVE;
        Property options = SettingsCatalog.QUEUE_OVERFLOW;
        Property flag = SettingsCatalog.ENABLE;

        // then
        assertThat(reference)
            .contains(start(bounded) + " | Integer | `" + bounded.defaultValue() + "` | " + bounded.min() + ".."
                + bounded.max() + " |")
            .contains(start(options) + " | String | `" + options.defaultValue() + "` | "
                + String.join(", ", options.options().stream().map(option -> "`" + option + "`").toList()) + " |")
            .contains(start(flag) + " | Boolean | `" + flag.defaultValue() + "` | `true`, `false` |");
        assertThat(reference.lines().filter(line -> line.contains(" | Password | ")))
            .allMatch(line -> line.contains("never logged"));
    }

    @Test
    void idsInADescriptionAreCodeWithoutSplittingLongerIds() {
        // given
        String reference = ConfigurationReference.render();

        // then: ssl_key_pass is not rendered as `ssl_key`_pass
        assertThat(reference).contains("then set `ssl_key_pass`").doesNotContain("`ssl_key`_pass")
            .contains("what happens when it is full is `queue_overflow`")
            .contains("With `queue_persistence=file`.");
    }

    @Test
    void theFileSaysItIsGeneratedAndHowToRegenerateIt() {
        // then
        assertThat(ConfigurationReference.render().lines().limit(6))
            .anyMatch(line -> line.contains("Generated from") && line.contains(ConfigurationReference.REGENERATE));
    }

    private static String start(Property property) {
        return "| `" + property.id() + "`<br>" + property.label();
    }

    private static String firstDifference(String committed, String generated) {
        List<String> have = committed.lines().toList();
        List<String> want = generated.lines().toList();
        for (int i = 0; i < Math.max(have.size(), want.size()); i++) {
            String a = i < have.size() ? have.get(i) : "<end of file>";
            String b = i < want.size() ? want.get(i) : "<end of file>";
            if (!a.equals(b)) {
                return "first at line " + (i + 1) + ":\n  in the file: " + a + "\n  generated:   " + b;
            }
        }
        return "they differ in line ends";
    }
}
