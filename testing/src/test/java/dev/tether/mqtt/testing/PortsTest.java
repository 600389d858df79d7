package dev.tether.mqtt.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctAndNobodyListensOnThem() {
        // when
        int[] free = Ports.free(3);

        // then
        assertThat(free).doesNotHaveDuplicates();
        assertThat(Arrays.stream(free).filter(Ports::accepts)).isEmpty();
    }

    @Test
    void awaitOpenReturnsWhenThePortFirstAccepted() throws IOException {
        // given
        try (ServerSocket listening = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            long before = System.nanoTime();

            // when
            long open = Ports.awaitOpen(listening.getLocalPort(), Duration.ofSeconds(5));

            // then
            assertThat(open).isBetween(before, System.nanoTime());
        }
    }

    @Test
    void awaitOpenGivesUpAtOnceWhenTheOwnerExits() throws Exception {
        // given a process that exits without listening
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long before = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> Ports.awaitOpen(Ports.free(), Duration.ofSeconds(60), owner))
            .isInstanceOf(IOException.class).hasMessageContaining("exited with status 0");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));
        owner.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void awaitClosedFailsWhileSomethingListens() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, Ports.LOOPBACK)) {
            assertThatThrownBy(() -> Ports.awaitClosed(listening.getLocalPort(), Duration.ofMillis(100)))
                .isInstanceOf(IOException.class).hasMessageContaining("still accepts");
        }
    }
}
