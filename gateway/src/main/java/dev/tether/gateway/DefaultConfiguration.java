package dev.tether.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Writes Tether's configuration file for FileInstall on first start, so Tether connects to the embedded broker out of
 * the box. An existing file is never touched: it may hold the operator's edits (FileInstall writes web console
 * changes back to it).
 */
final class DefaultConfiguration {

    /** Tether's configuration PID, which FileInstall reads from the file name. */
    static final String TETHER_PID = "dev.tether.mqtt";
    /** Tether's own default for {@code server}. */
    static final String DEFAULT_SERVER = "localhost:1883";

    private DefaultConfiguration() {
    }

    /**
     * @param confDir    FileInstall's folder, created if missing
     * @param brokerPort the port Tether should connect to on localhost
     * @return the configuration file
     * @throws IOException if the folder or file cannot be written
     */
    static Path ensure(Path confDir, int brokerPort) throws IOException {
        Files.createDirectories(confDir);
        Path file = confDir.resolve(TETHER_PID + ".cfg");
        if (!Files.exists(file)) {
            Files.write(file, List.of(
                "# Written by the Tether gateway on first start; edit here or in the web console.",
                "enable=true",
                "server=localhost:" + brokerPort), StandardCharsets.UTF_8);
        }
        return file;
    }

    /**
     * @param file Tether's configuration file
     * @return its {@code server} value, as FileInstall will read it; the default when it has none or is unreadable
     */
    static String server(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return DEFAULT_SERVER;
        }
        return properties.getProperty("server", DEFAULT_SERVER).trim();
    }
}
