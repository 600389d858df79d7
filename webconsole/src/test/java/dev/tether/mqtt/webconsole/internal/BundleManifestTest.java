package dev.tether.mqtt.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** The manifest bnd wrote into target/classes, which the jar packages as it is. */
class BundleManifestTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void embedsTheBundlesJsonWriterInsteadOfImportingIt() throws IOException {
        String imports = manifest().getMainAttributes().getValue("Import-Package");

        assertThat(imports).contains("dev.tether.mqtt;").doesNotContain("dev.tether.mqtt.internal");
        assertThat(CLASSES.resolve("dev/tether/mqtt/internal/json/JsonWriter.class")).isRegularFile();
    }

    @Test
    void exportsNothing() throws IOException {
        assertThat(manifest().getMainAttributes().getValue("Export-Package")).isNull();
    }

    private static Manifest manifest() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }
}
