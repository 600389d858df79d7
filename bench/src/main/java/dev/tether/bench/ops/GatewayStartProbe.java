package dev.tether.bench.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tether.bench.report.OperationalFigure;
import dev.tether.mqtt.testing.Ports;

/**
 * Starts the gateway jar ({@code gateway/target/tether-gateway-*.jar}) as a process, with a fresh data folder and its
 * own embedded broker on free ports, and reads the line it prints when Tether first connects:
 * {@code Tether connected to ... in N ms after launch; ...}, where N is the gateway JVM's own uptime.
 */
public final class GatewayStartProbe {

    private static final Pattern CONNECTED = Pattern.compile("Tether connected to .* in (\\d+) ms after launch");
    private static final long START_LIMIT_SECONDS = 90;

    private final Path jar;
    private final Path workDir;
    private final int warmups;
    private final int rounds;

    public GatewayStartProbe(Path jar, Path workDir, int warmups, int rounds) {
        this.jar = jar;
        this.workDir = workDir;
        this.warmups = warmups;
        this.rounds = rounds;
    }

    public List<OperationalFigure> measure() throws Exception {
        OperationalFigure.Builder uptime = new OperationalFigure.Builder("gateway-start-to-connected",
            "gateway start → connected", "ms")
            .text("paho", "–").text("hivemq", "–");
        OperationalFigure.Builder wall = new OperationalFigure.Builder("gateway-process-start-to-connected",
            "gateway process spawned → connected line read", "ms")
            .text("paho", "–").text("hivemq", "–");
        if (!Files.isRegularFile(jar)) {
            String missing = "n/a: " + jar + " not built";
            return List.of(uptime.text("tether", missing).build(), wall.text("tether", missing).build());
        }
        List<Double> uptimes = new ArrayList<>();
        List<Double> walls = new ArrayList<>();
        for (int round = 0; round < warmups + rounds; round++) {
            double[] figures = start(workDir.resolve("gateway-" + round));
            if (round >= warmups) {
                uptimes.add(figures[0]);
                walls.add(figures[1]);
            }
        }
        String how = "java -jar " + jar.getFileName() + " with a fresh data folder and its embedded Moquette";
        return List.of(uptime.values("tether", uptimes).note(how + "; the gateway's own figure (JVM uptime)").build(),
            wall.values("tether", walls).note(how + "; measured from outside, includes JVM start").build());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** @return the gateway's reported uptime and the wall time from spawning it, in ms */
    private double[] start(Path data) throws IOException, InterruptedException {
        // a first start each time: a folder left by an earlier run holds a configuration with that run's broker port
        deleteRecursively(data);
        Files.createDirectories(data);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dtether.broker.port=" + Ports.free(), "-Dtether.http.port=" + Ports.free(),
            "-Dtether.data=" + data.toAbsolutePath(), "-jar", jar.toAbsolutePath().toString());
        long spawned = System.nanoTime();
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).directory(data.toFile()).start();
        CompletableFuture<double[]> connected = new CompletableFuture<>();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher matcher = CONNECTED.matcher(line);
                    if (matcher.find()) {
                        connected.complete(new double[] {Double.parseDouble(matcher.group(1)),
                            (System.nanoTime() - spawned) / 1e6});
                    } else if (output.length() < 8000) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            connected.completeExceptionally(new IOException("the gateway printed no connected line:\n" + output));
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return connected.get(START_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no \"Tether connected to\" line from the gateway within " + START_LIMIT_SECONDS
                + " s; it printed:\n" + output, e);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
