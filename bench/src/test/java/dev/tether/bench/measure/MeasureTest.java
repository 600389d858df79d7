package dev.tether.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class MeasureTest {

    @Test
    void payloadCarriesSequenceAndStampInBothForms() {
        byte[] payload = Payloads.create(64, 123_456_789L, -42L);

        assertThat(payload).hasSize(64);
        assertThat(Payloads.sequence(payload)).isEqualTo(123_456_789L);
        assertThat(Payloads.stamp(payload)).isEqualTo(-42L);
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        assertThat(Payloads.sequence(buffer)).isEqualTo(123_456_789L);
        assertThat(Payloads.stamp(buffer)).isEqualTo(-42L);
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[1000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (i + 1) * 1_000_000L;
        }

        LatencySample sample = LatencySample.of(1000, sorted);

        assertThat(sample.p50Millis()).isEqualTo(500.0);
        assertThat(sample.p99Millis()).isEqualTo(990.0);
        assertThat(sample.p999Millis()).isEqualTo(999.0);
        assertThat(sample.maxMillis()).isEqualTo(1000.0);
    }

    @Test
    void receiptsCountDuplicatesOnceAndIgnoreProbes() throws InterruptedException {
        Receipts receipts = new Receipts(3, true);

        receipts.arrived(Payloads.PROBE, 0);
        receipts.arrived(0, System.nanoTime());
        receipts.arrived(0, System.nanoTime());
        receipts.arrived(1, System.nanoTime());
        receipts.arrived(2, System.nanoTime());

        assertThat(receipts.probed()).isTrue();
        assertThat(receipts.awaitAll(Duration.ofMillis(10), Duration.ofMillis(10))).isTrue();
        assertThat(receipts.distinct()).isEqualTo(3);
        assertThat(receipts.duplicates()).isEqualTo(1);
        assertThat(receipts.sortedLatencies()).hasSize(3);
    }

    @Test
    void mosquittoLinesHaveThePayloadSize() {
        byte[] lines = Payloads.lines(5, 8, 64);

        String[] split = new String(lines, StandardCharsets.US_ASCII).split("\n");
        assertThat(split).hasSize(3).allSatisfy(line -> assertThat(line).hasSize(64));
        assertThat(split[0]).startsWith("5x");
        assertThat(MosquittoClientsContender.latencyLine(7, 99L, 64)).hasSize(65);
    }

    @Test
    void textPayloadCarriesSequenceInBothForms() {
        byte[] payload = Payloads.text(64, 4711);

        assertThat(payload).hasSize(64);
        assertThat(Payloads.sequence(payload)).isEqualTo(4711);
        assertThat(Payloads.stamp(payload)).isZero();
        assertThat(Payloads.sequence(ByteBuffer.wrap(payload))).isEqualTo(4711);
        ByteBuffer offset = ByteBuffer.wrap(("??" + new String(Payloads.text(16, -3), StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII)).position(2);
        assertThat(Payloads.sequence(offset)).isEqualTo(-3);
        assertThat(Payloads.sequence(Payloads.create(64, 0, 5))).isZero();
    }

    @Test
    void receiptsTellProbesApart() {
        Receipts receipts = new Receipts(1, false);

        receipts.arrived(-2, 0);

        assertThat(receipts.probed()).isTrue();
        assertThat(receipts.probed(-2)).isTrue();
        assertThat(receipts.probed(-1)).isFalse();
    }

    @Test
    void mosquittoSubOutputIsTalliedByLeadingNumber() throws IOException {
        String output = "0xxxx\n2xxxx\n2xxxx\n-1xxx\n7\nxx9\n1xxxx\n";

        NativeCounter.Tally tally = NativeCounter.tally(
            new ByteArrayInputStream(output.getBytes(StandardCharsets.US_ASCII)), 5);

        assertThat(tally.distinct()).isEqualTo(3);
        assertThat(tally.duplicates()).isEqualTo(1);
    }
}
