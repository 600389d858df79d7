package dev.tether.mqtt.itests.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tether.mqtt.testing.Ports;

/**
 * A Mosquitto process on a loopback port, with a generated configuration: anonymous, no persistence,
 * connection messages logged to a file so the test can tell which clients are connected.
 */
final class MosquittoBroker implements Broker {

    static final String EXECUTABLE = System.getProperty("tether.mosquitto", "/usr/sbin/mosquitto");

    private static final Duration PORT_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern CONNECTED = Pattern.compile("New client connected from \\S+ as (\\S+) \\(");
    private static final Pattern GONE = Pattern.compile(
        "Client (\\S+) (?:disconnected|closed its connection|has exceeded timeout)|Socket error on client (\\S+),");

    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    MosquittoBroker(int port, Path workDir) throws IOException {
        this.port = port;
        Files.createDirectories(workDir);
        this.config = workDir.resolve("mosquitto-" + port + ".conf");
        this.log = workDir.resolve("mosquitto-" + port + ".log");
        StringBuilder conf = new StringBuilder()
            .append("listener ").append(port).append(" 127.0.0.1\n")
            .append("allow_anonymous true\n")
            .append("persistence false\n")
            .append("log_dest file ").append(log.toAbsolutePath()).append('\n')
            .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
            .append("connection_messages true\n");
        if ("root".equals(System.getProperty("user.name"))) {
            // as root Mosquitto switches to the user "mosquitto", which cannot write our log file
            conf.append("user root\n");
        }
        Files.writeString(config, conf.toString(), StandardCharsets.UTF_8);
    }

    static boolean available() {
        return new File(EXECUTABLE).canExecute();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(EXECUTABLE, "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolveSibling("mosquitto-" + port + ".out").toFile()))
            .start();
        try {
            Ports.awaitOpen(port, PORT_TIMEOUT, process);
        } catch (IOException e) {
            stop();
            throw new IOException("mosquitto did not open port " + port + "; see " + log, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        try {
            Ports.awaitClosed(port, PORT_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("mosquitto stopped, but", e);
        }
    }

    @Override
    public synchronized Set<String> connectedClients() throws IOException {
        Set<String> clients = new LinkedHashSet<>();
        if (process == null || !Files.exists(log)) {
            return clients;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.contains("mosquitto version") && line.endsWith("starting")) {
                clients.clear();
                continue;
            }
            Matcher connected = CONNECTED.matcher(line);
            if (connected.find()) {
                clients.add(connected.group(1));
                continue;
            }
            Matcher gone = GONE.matcher(line);
            if (gone.find()) {
                clients.remove(gone.group(1) != null ? gone.group(1) : gone.group(2));
            }
        }
        return clients;
    }
}
