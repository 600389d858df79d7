package dev.tether.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueFiguresTest {

    @Test
    void ioCountersAreReadFromProcText() {
        String text = "rchar: 10\nwchar: 3000\nsyscr: 1\nsyscw: 2\nread_bytes: 0\nwrite_bytes: 8192\n"
            + "cancelled_write_bytes: 4096\n";

        IoCounters.Snapshot snapshot = IoCounters.parse(text);

        assertThat(snapshot).isEqualTo(new IoCounters.Snapshot(3000, 8192, 4096));
        assertThat(IoCounters.parse("rchar: 10\nwchar: 3\n")).as("write_bytes missing").isNull();
    }

    @Test
    void wearIsPerMessageAndPerRecord() {
        Wear wear = new Wear(true, 100, 112, 11_200 * 2, 11_200);

        assertThat(wear.storagePerMessage()).isEqualTo(224.0);
        assertThat(wear.storageRatio()).isEqualTo(2.0);
        assertThat(wear.wcharRatio()).isEqualTo(1.0);
        assertThat(Wear.unavailable(100, 112).storageRatio()).isNaN();
    }

    @Test
    void callTimesAreNearestRankPercentilesInMicros() {
        CallTimer timer = new CallTimer(1000);
        for (int i = 1000; i >= 1; i--) {
            timer.add(i * 1000L);
        }
        timer.add(5_000_000);

        CallTimes times = timer.times();

        assertThat(times.p50Micros()).isEqualTo(500.0);
        assertThat(times.p99Micros()).isEqualTo(990.0);
        assertThat(times.maxMicros()).as("calls beyond the capacity are dropped").isEqualTo(1000.0);
        assertThat(new CallTimer(10).times()).isNull();
    }

    @Test
    void fileQueueCasesHaveTheirOwnKeysAndLabels() {
        assertThat(new BenchCase(1, 1024, QueueKind.FILE, 1).key()).isEqualTo("qos1-1024b-file");
        assertThat(new BenchCase(1, 64, QueueKind.FILE_SYNCED, 1).key()).isEqualTo("qos1-64b-fsync");
        assertThat(new BenchCase(1, 64, QueueKind.FILE_SYNCED, 1).label())
            .isEqualTo("QoS 1, 64 B, file queue, queue_sync=always");
        assertThat(new BenchCase(0, 16384, QueueKind.MEMORY, 1).label()).isEqualTo("QoS 0, 16 KiB");
    }
}
