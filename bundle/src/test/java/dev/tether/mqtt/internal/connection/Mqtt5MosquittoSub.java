package dev.tether.mqtt.internal.connection;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code mosquitto_sub -V 5} as an independent witness of what Tether sends: Mosquitto's own client, which prints
 * each message with its MQTT 5 properties (one line, fields separated by tabs). It flushes its output only after a
 * message, so whether it subscribed is read from the broker's log instead (its SUBACK to the witness's client id).
 */
final class Mqtt5MosquittoSub implements AutoCloseable {

    /** One message as mosquitto_sub printed it; absent properties are empty strings. */
    record Line(String topic, String payload, String userProperties, String contentType, String expiry,
            String responseTopic, String correlationData, String payloadFormat, String retained) {
    }

    private static final String MARK = "MSG";
    /** topic, payload, user properties, content type, expiry, response topic, correlation data, format, retain */
    private static final String FORMAT = MARK + "\t%t\t%p\t%P\t%C\t%E\t%R\t%D\t%F\t%r";

    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    private Mqtt5MosquittoSub(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "mosquitto_sub-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mosquitto_sub} at QoS 1 on the filter and returns once the broker acknowledged it.
     *
     * @param subscribed whether the broker's log shows its SUBACK to the client id
     */
    static Mqtt5MosquittoSub start(int port, String clientId, Predicate<String> subscribed, String filter,
            String... moreArguments) {
        List<String> command = new ArrayList<>(List.of("mosquitto_sub", "-V", "5", "-h", "127.0.0.1",
            "-p", String.valueOf(port), "-i", clientId, "-q", "1", "-t", filter, "-F", FORMAT));
        command.addAll(Arrays.asList(moreArguments));
        Mqtt5MosquittoSub sub;
        try {
            sub = new Mqtt5MosquittoSub(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            await().atMost(Mqtt5Mosquitto.TIMEOUT).until(() -> subscribed.test(clientId) || !sub.process.isAlive());
        } catch (RuntimeException e) {
            sub.close();
            throw new IllegalStateException("mosquitto_sub did not subscribe; it printed " + sub.output, e);
        }
        if (!sub.process.isAlive()) {
            throw new IllegalStateException("mosquitto_sub ended before it subscribed: " + sub.output);
        }
        return sub;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                if (line.startsWith(MARK + "\t")) {
                    String[] fields = line.split("\t", -1);
                    lines.add(new Line(fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7],
                        fields[8], fields[9]));
                }
            }
        } catch (IOException e) {
            // the process was stopped
        }
    }

    /** @return the messages printed so far, in arrival order */
    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** @return everything mosquitto_sub printed, for assertion messages */
    List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
