package dev.tether.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.testing.Ports;

/**
 * Starts the gateway jar over and over, each time a first start in a fresh data folder, and checks every time that
 * Tether connected before FileInstall could have applied its {@code .cfg} file (the gateway hands it to ConfigAdmin
 * itself), and that FileInstall left {@code dev.tether.mqtt.cfg} alone through its first scans. FileInstall writing the
 * configuration it had just applied back to the file at start is what once emptied it, about one start in seven (see
 * {@code ConfigurationSeed}): the file's bytes and modification time must not change at all.
 *
 * <p>The gateways are killed, not stopped: a clean stop is {@link GatewayProcess}'s to check, and takes 2 s each.
 */
class GatewayStartIT {

    private static final int STARTS = 8;
    /** FileInstall's initial delay: it applies no file sooner than this after it started, just before the banner. */
    private static final long FILEINSTALL_INITIAL_DELAY_MILLIS = 1_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * From FileInstall's start (just before the banner) to its first report of a file: its initial delay and one more
     * poll for the file to look stable, 1 s each; with a margin for a busy machine.
     */
    private static final Duration FILEINSTALL_FIRST_SCANS = Duration.ofMillis(2_700);
    private static final Pattern STARTED = Pattern.compile("^Tether gateway started in (\\d+) ms.*");
    private static final Pattern CONNECTED = Pattern.compile("^Tether connected to (\\S+) as \\S+ in (\\d+) ms after launch.*");
    private static final String PID = "dev.tether.mqtt";

    @TempDir
    Path temp;

    @Test
    void everyFirstStartConnectsAndLeavesTheCfgFileAsWritten() throws Exception {
        List<Long> figures = new ArrayList<>();
        for (int start = 1; start <= STARTS; start++) {
            Path data = temp.resolve("start-" + start);
            Path cfg = data.resolve("conf").resolve(PID + ".cfg");
            try (Gateway gateway = Gateway.start(data)) {
                // written by the launcher before Felix starts, a second before FileInstall runs
                FileVersion written = gateway.awaitFile(cfg);

                long millis = gateway.awaitConnected("localhost:" + gateway.brokerPort);
                long bannerMillis = gateway.awaitStarted();
                gateway.awaitFileUnchangedThroughFirstScans(cfg, written);

                String context = "start " + start + " of " + STARTS + "; the gateway printed:\n" + gateway.output();
                assertThat(millis).as("connected before FileInstall could have applied the file, " + context)
                    .isLessThan(bannerMillis + FILEINSTALL_INITIAL_DELAY_MILLIS);
                assertThat(gateway.process.isAlive()).as("still running, " + context).isTrue();
                assertThat(written.text()).as(context).isEqualTo(String.join("\n",
                    "# Written by the Tether gateway on first start; edit here or in the web console.",
                    "enable=true",
                    "server=localhost:" + gateway.brokerPort,
                    ""));
                assertThat(gateway.lines()).as("no reconnection: the configuration did not change, " + context)
                    .noneMatch(line -> line.startsWith("Tether disconnected"))
                    .noneMatch(line -> line.startsWith("[gateway]"));
                figures.add(millis);
            }
        }
        Collections.sort(figures);
        System.out.printf("GatewayStartIT: %d first starts, launch to connected: median %d ms, max %d ms, all %s%n",
            figures.size(), figures.get(figures.size() / 2), figures.get(figures.size() - 1), figures);
    }

    @Test
    void aRestartKeepsTheConfigurationAndConnects() throws Exception {
        Path data = temp.resolve("restart");
        Path cfg = data.resolve("conf").resolve(PID + ".cfg");
        int brokerPort = Ports.free();
        FileVersion written;
        try (Gateway first = Gateway.start(data, brokerPort)) {
            written = first.awaitFile(cfg);
            first.awaitConnected("localhost:" + brokerPort);
            first.stop();
        }

        try (Gateway second = Gateway.start(data, brokerPort)) {
            second.awaitConnected("localhost:" + brokerPort);
            second.awaitStarted();
            second.awaitFileUnchangedThroughFirstScans(cfg, written);

            assertThat(second.lines()).noneMatch(line -> line.startsWith("Tether disconnected"));
        }
    }

    @Test
    void aFileWithTypedValuesIsLeftToFileInstallAndApplied() throws Exception {
        // FileInstall reads a file whose every value is typed (B"true", "...") its own way: the gateway does not
        // hand it over itself, and Tether connects once FileInstall has applied it, after its initial delay
        Path data = temp.resolve("typed");
        Path cfg = data.resolve("conf").resolve(PID + ".cfg");
        int brokerPort = Ports.free();
        Files.createDirectories(cfg.getParent());
        Files.write(cfg, List.of("enable=B\"true\"", "server=\"localhost:" + brokerPort + "\""),
            StandardCharsets.ISO_8859_1);

        try (Gateway gateway = Gateway.start(data, brokerPort)) {
            gateway.awaitConnected("localhost:" + brokerPort);

            assertThat(Files.readString(cfg, StandardCharsets.ISO_8859_1)).contains("localhost:" + brokerPort);
        }
    }

    /** A file's content and modification time. */
    private record FileVersion(String text, FileTime modified) {

        static FileVersion of(Path file) throws IOException {
            return new FileVersion(Files.readString(file, StandardCharsets.UTF_8), Files.getLastModifiedTime(file));
        }
    }

    /** The gateway jar as a child process; killed on close. */
    private static final class Gateway implements AutoCloseable {

        final Process process;
        final int brokerPort;
        private final List<String> output = new CopyOnWriteArrayList<>();

        private Gateway(Process process, int brokerPort) {
            this.process = process;
            this.brokerPort = brokerPort;
            Thread pump = new Thread(this::collect, "gateway-output");
            pump.setDaemon(true);
            pump.start();
        }

        static Gateway start(Path data) throws IOException {
            return start(data, Ports.free());
        }

        static Gateway start(Path data, int brokerPort) throws IOException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtether.broker.port=" + brokerPort, "-Dtether.http.port=" + Ports.free(),
                "-Dtether.data=" + data, "-jar", GatewayProcess.jar().toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            return new Gateway(process, brokerPort);
        }

        List<String> lines() {
            return List.copyOf(output);
        }

        String output() {
            return String.join("\n", output);
        }

        FileVersion awaitFile(Path file) {
            return await(file + " written").atMost(CONNECT_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .failFast("the gateway exited", () -> !process.isAlive())
                .until(() -> Files.isRegularFile(file) && Files.readString(file).endsWith("\n") ? FileVersion.of(file)
                    : null, version -> version != null);
        }

        /** @return the launch-to-connected figure it printed */
        long awaitConnected(String server) {
            String line = awaitLine("'Tether connected to ...'", CONNECTED.asMatchPredicate());
            Matcher matcher = CONNECTED.matcher(line);
            assertThat(matcher.matches()).isTrue();
            assertThat(matcher.group(1)).contains(server);
            return Long.parseLong(matcher.group(2));
        }

        /** @return the launch-to-banner figure it printed; FileInstall started just before the banner */
        long awaitStarted() {
            Matcher matcher = STARTED.matcher(awaitLine("the banner", STARTED.asMatchPredicate()));
            assertThat(matcher.matches()).isTrue();
            return Long.parseLong(matcher.group(1));
        }

        /** Fails as soon as the file differs from {@code written} while FileInstall makes its first scans. */
        void awaitFileUnchangedThroughFirstScans(Path file, FileVersion written) {
            await("the .cfg file left as written; the gateway printed:\n" + output())
                .during(FILEINSTALL_FIRST_SCANS).atMost(FILEINSTALL_FIRST_SCANS.plusSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> FileVersion.of(file).equals(written) && process.isAlive());
        }

        String awaitLine(String description, Predicate<String> line) {
            await(description + " from the gateway; it printed:\n" + output()).atMost(CONNECT_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .failFast("the gateway exited", () -> !process.isAlive())
                .until(() -> output.stream().anyMatch(line));
            return output.stream().filter(line).findFirst().orElseThrow();
        }

        /** SIGTERM and wait, so the framework stops its bundles and keeps its cache in order for a restart. */
        void stop() throws InterruptedException {
            process.toHandle().destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        private void collect() {
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
