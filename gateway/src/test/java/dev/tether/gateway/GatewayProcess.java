package dev.tether.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tether.mqtt.testing.Ports;

/**
 * The built gateway jar run as {@code java -jar} in a child process, as an operator runs it: stdin closed (no
 * terminal, as under a service manager), its own data folder, the embedded broker and the web console on free
 * loopback ports unless the test sets {@code tether.broker.port} or {@code tether.http.port} itself. Its output
 * (stdout and stderr merged) is collected line by line and echoed with a {@code gateway> } prefix.
 *
 * <p>{@link #close()} stops it with SIGTERM, as Ctrl-C or a service manager would, and asserts a clean exit: within
 * 30 s, its shutdown hook ran to the end, no stack trace while stopping.
 *
 * <pre>{@code
 * try (GatewayProcess gateway = GatewayProcess.builder(data).property("tether.broker", "off").start()) {
 *     GatewayProcess.Connected connected = gateway.awaitConnected();
 * }
 * }</pre>
 */
final class GatewayProcess implements AutoCloseable {

    /** From launch to Tether's first connection; about 3 s here. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The web console login: the gateway's default. */
    static final String CONSOLE_USER = "admin";
    static final String CONSOLE_PASSWORD = "admin";

    /** Printed by the launcher once Tether's default connection is up for the first time. */
    private static final Pattern FIRST_CONNECTED =
        Pattern.compile("^Tether connected to (\\S+) as (\\S+) in \\d+ ms after launch.*");
    private static final String STOPPING = "[gateway] stopping";
    private static final String STOPPED = "[gateway] stopped";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The JVM's exit code after SIGTERM (128 + 15), once its shutdown hooks ran; 0 if the launcher exits itself. */
    private static final List<Integer> CLEAN_EXIT_CODES = List.of(143, 0);

    private final Process process;
    private final Thread pump;
    private final int brokerPort;
    private final int httpPort;
    private final Path dataDir;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private boolean stopped;

    private GatewayProcess(Process process, int brokerPort, int httpPort, Path dataDir) {
        this.process = process;
        this.brokerPort = brokerPort;
        this.httpPort = httpPort;
        this.dataDir = dataDir;
        this.pump = new Thread(this::collectOutput, "gateway-output-" + httpPort);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * @param dataDir the gateway's {@code tether.data}: framework cache and {@code conf/}; a test's temporary folder
     * @return a builder
     */
    static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** @return the built gateway jar; failsafe passes its path as {@code gateway.jar} */
    static Path jar() {
        return Path.of(System.getProperty("gateway.jar", "target/tether-gateway-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
    }

    /** @return the module's {@code target/} folder, where the jar is */
    static Path targetDir() {
        return jar().getParent();
    }

    /** @return {@code target/lib/bundles}: the bundles the gateway installs */
    static Path bundlesDir() {
        return targetDir().resolve("lib").resolve("bundles");
    }

    /** @return {@code tether.broker.port}: where the embedded broker listens, unless it is off */
    int brokerPort() {
        return brokerPort;
    }

    /** @return {@code tether.http.port}: the web console's port */
    int httpPort() {
        return httpPort;
    }

    /** @return {@code tether.data} */
    Path dataDir() {
        return dataDir;
    }

    /** @return FileInstall's folder, where Tether's {@code dev.tether.mqtt.cfg} is */
    Path confDir() {
        return dataDir.resolve("conf");
    }

    /** @return the lines printed so far */
    List<String> output() {
        return List.copyOf(output);
    }

    /**
     * @param path a path on the console, such as {@code /system/console/configMgr}
     * @return the URL with the admin login in it, as a browser takes it
     */
    String consoleUrlWithLogin(String path) {
        return "http://" + CONSOLE_USER + ":" + CONSOLE_PASSWORD + "@127.0.0.1:" + httpPort + path;
    }

    /**
     * Waits for a line, failing at once if the gateway exits.
     *
     * @param description what the line is, for the failure message
     * @param line        which line
     * @param timeout     how long to wait
     * @return the first matching line
     */
    String awaitLine(String description, Predicate<String> line, Duration timeout) {
        await(description + " in the gateway's output").atMost(timeout)
            .failFast("the gateway exited", () -> !process.isAlive())
            .until(() -> output.stream().anyMatch(line));
        return output.stream().filter(line).findFirst().orElseThrow();
    }

    /**
     * Waits, like {@link #awaitLine}, for the launcher's {@code Tether connected to <server> as <client id> in <N> ms
     * after launch} line and for its banner: Tether connects while the launcher still starts the other bundles, so
     * either may come first.
     *
     * @return the server and client id it names
     */
    Connected awaitConnected() {
        String line = awaitLine("'Tether connected to ... as ... in ... ms'", FIRST_CONNECTED.asMatchPredicate(),
            START_TIMEOUT);
        awaitLine("the banner 'Tether gateway started in ...'", text -> text.startsWith("Tether gateway started in "),
            START_TIMEOUT);
        Matcher matcher = FIRST_CONNECTED.matcher(line);
        assertThat(matcher.matches()).isTrue();
        return new Connected(matcher.group(1), matcher.group(2));
    }

    /** Waits until the gateway accepts TCP connections on 127.0.0.1:{@code port}, failing at once if it exits. */
    void awaitListening(int port) {
        await("the gateway listening on 127.0.0.1:" + port).atMost(START_TIMEOUT)
            .pollInterval(Duration.ofMillis(50))
            .failFast("the gateway exited", () -> !process.isAlive())
            .until(() -> Ports.accepts(port));
    }

    /**
     * @param path      a path on the web console
     * @param withLogin true to log in as admin, false to ask anonymously
     * @return the console's answer to a GET
     */
    HttpResponse<String> get(String path, boolean withLogin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(20)).GET();
        if (withLogin) {
            String login = CONSOLE_USER + ":" + CONSOLE_PASSWORD;
            request.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Stops the gateway with SIGTERM (not {@link Process#destroy()}, which also closes our end of its output and loses
     * the shutdown lines) and asserts a clean exit: within 30 s, exit code 143 (or 0), the shutdown hook's last line
     * printed, no stack trace from its first line on. Kills it if it does not exit. Runs once; later calls do nothing.
     */
    void stop() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        process.toHandle().destroy();
        boolean exited = process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(exited).as("the gateway exits on SIGTERM within %s", STOP_TIMEOUT).isTrue();
        assertThat(process.exitValue()).as("the gateway's exit code after SIGTERM").isIn(CLEAN_EXIT_CODES);
        assertThat(output).as("the shutdown hook ran to its end").contains(STOPPED);
        List<String> lines = output();
        List<String> shutdown = lines.subList(Math.max(0, lines.indexOf(STOPPING)), lines.size());
        assertThat(shutdown).as("the lines from '%s' on: no stack trace", STOPPING)
            .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception in thread"));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                System.out.println("gateway> " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the first "connected" line says.
     *
     * @param server   the server as Tether reports it, such as {@code tcp://localhost:1883}
     * @param clientId the client id Tether connected with
     */
    record Connected(String server, String clientId) {
    }

    /** System properties of the gateway; the ports are chosen when not given. */
    static final class Builder {

        private final Path dataDir;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Adds {@code -Dkey=value}; {@code tether.data} is the builder's folder and cannot be set here. */
        Builder property(String key, Object value) {
            if ("tether.data".equals(key)) {
                throw new IllegalArgumentException("tether.data is the builder's folder");
            }
            properties.put(key, String.valueOf(value));
            return this;
        }

        /** Starts the gateway and returns at once; await its lines to know how far it got. */
        GatewayProcess start() throws IOException {
            Path jar = jar();
            assertThat(jar).as("the packaged gateway jar (mvn package)").exists();
            int[] free = Ports.free(2);
            int brokerPort = Integer.parseInt(properties.computeIfAbsent("tether.broker.port", key -> "" + free[0]));
            int httpPort = Integer.parseInt(properties.computeIfAbsent("tether.http.port", key -> "" + free[1]));

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-Dtether.data=" + dataDir);
            command.add("-jar");
            command.add(jar.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // stdin closed: no terminal, as under a service manager
            process.getOutputStream().close();
            return new GatewayProcess(process, brokerPort, httpPort, dataDir);
        }
    }
}
