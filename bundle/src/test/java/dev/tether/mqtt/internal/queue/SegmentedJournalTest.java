package dev.tether.mqtt.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.internal.config.QueueSync;
import dev.tether.mqtt.internal.connection.RecordingLogger;

/** The queue's journal: what is appended survives a restart or a crash, in order, until it is acknowledged. */
class SegmentedJournalTest {

    /** A payload that puts about a hundred records in a segment. */
    private static final int LARGE = 10_000;

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();

    private static OutboundMessage message(String topic, String payload) {
        return new OutboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static OutboundMessage large(int number) {
        byte[] payload = new byte[LARGE];
        payload[0] = (byte) number;
        return new OutboundMessage("large/" + number, payload, 1, false);
    }

    private Path folder() {
        return dir.resolve("queue-test");
    }

    private SegmentedJournal open() throws Exception {
        return SegmentedJournal.open(folder(), log.logger(), QueueSync.NONE);
    }

    private static List<String> payloads(List<OutboundMessage> messages) {
        return messages.stream().map(m -> new String(m.payload, StandardCharsets.UTF_8)).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        return JournalRecovery.segmentFiles(folder());
    }

    private long bytesOnDisk() throws IOException {
        long total = 0;
        for (Path file : segmentFiles()) {
            total += Files.size(file);
        }
        return total;
    }

    @Test
    void appendedMessagesAreRecoveredInOrderWithEveryField() throws Exception {
        // given
        SegmentedJournal journal = open();
        OutboundMessage retained = new OutboundMessage("a/\u00e9/\uD83D\uDE00", new byte[] {0, 1, 2}, 2, true, 1234L);
        journal.append(message("a/1", "first"));
        journal.append(retained);
        journal.append(message("a/3", "third"));
        journal.close();

        // when
        SegmentedJournal reopened = open();
        List<OutboundMessage> recovered = reopened.recover();

        // then
        assertThat(recovered).extracting(m -> m.topic).containsExactly("a/1", "a/\u00e9/\uD83D\uDE00", "a/3");
        OutboundMessage second = recovered.get(1);
        assertThat(second.payload).containsExactly(0, 1, 2);
        assertThat(second.qos).isEqualTo(2);
        assertThat(second.retain).isTrue();
        assertThat(second.acceptedAtMillis).isEqualTo(1234L);
        assertThat(second.packetId()).isZero();
        assertThat(recovered).allSatisfy(m -> assertThat(m.journalKey).isPositive());
        reopened.close();
    }

    @Test
    void aRecordIsTheSizeTheBenchmarkCountsWith() throws Exception {
        // given a message of 64 bytes on a topic of 20
        SegmentedJournal journal = open();

        // when it is appended
        journal.append(new OutboundMessage("tether/a/temperature", new byte[64], 1, false));
        journal.abandon();

        // then its record is 39 bytes of framing and fields, plus the topic and the payload
        assertThat(bytesOnDisk()).isEqualTo(39 + 20 + 64);
    }

    @Test
    void removedMessagesAreGoneAfterFlushAndReopen() throws Exception {
        // given
        SegmentedJournal journal = open();
        OutboundMessage acknowledged = message("t", "acknowledged");
        journal.append(acknowledged);
        journal.append(message("t", "pending"));

        // when
        journal.remove(acknowledged);
        journal.flush();
        journal.abandon();

        // then
        SegmentedJournal reopened = open();
        assertThat(payloads(reopened.recover())).containsExactly("pending");
        reopened.close();
    }

    @Test
    void theSessionStateOfAMessageIsKeptAcrossARestart() throws Exception {
        // given a QoS 2 message sent with packet id 7 and released by the broker (PUBREC)
        SegmentedJournal journal = open();
        OutboundMessage message = new OutboundMessage("t", new byte[] {1}, 2, false);
        journal.append(message);
        message.assignPacketId(7, 1);
        message.markReleased();

        // when its state is stored, and the process ends
        journal.update(message);
        journal.abandon();

        // then it comes back as the same message of the same session
        OutboundMessage recovered = open().recover().get(0);
        assertThat(recovered.packetId()).isEqualTo(7);
        assertThat(recovered.released()).isTrue();
    }

    @Test
    void keysKeepGrowingAcrossReopenSoNewMessagesQueueBehindOldOnes() throws Exception {
        // given
        SegmentedJournal journal = open();
        journal.append(message("t", "old"));
        journal.close();

        // when
        SegmentedJournal reopened = open();
        OutboundMessage recovered = reopened.recover().get(0);
        OutboundMessage fresh = message("t", "new");
        reopened.append(fresh);
        reopened.close();

        // then
        assertThat(fresh.journalKey).isGreaterThan(recovered.journalKey);
        assertThat(payloads(open().recover())).containsExactly("old", "new");
    }

    @Test
    void concurrentAppendsAreAllDurable() throws Exception {
        // given 8 publishers appending at once
        SegmentedJournal journal = open();
        ExecutorService publishers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            int publisher = p;
            done.add(publishers.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    journal.append(message("p/" + publisher, Integer.toString(i)));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        publishers.shutdown();

        // when the process ends without closing the journal
        journal.abandon();

        // then every append is there, each publisher's in its order
        List<OutboundMessage> recovered = open().recover();
        assertThat(recovered).hasSize(4000);
        for (int p = 0; p < 8; p++) {
            String topic = "p/" + p;
            assertThat(recovered).filteredOn(m -> m.topic.equals(topic))
                .extracting(m -> Integer.parseInt(new String(m.payload, StandardCharsets.UTF_8)))
                .isSorted().hasSize(500);
        }
    }

    @Test
    void aHundredThousandMessagesLeftByAKilledProcessAreAllRecoveredInOrder() throws Exception {
        // given 100,000 queued messages of 64 bytes, the process gone without closing anything (the H2 MVStore this
        // journal replaced overflowed the stack on reopening such a queue in 3 of 7 tries)
        SegmentedJournal journal = open();
        for (int i = 0; i < 100_000; i++) {
            byte[] payload = new byte[64];
            payload[0] = (byte) i;
            payload[1] = (byte) (i >> 8);
            payload[2] = (byte) (i >> 16);
            journal.append(new OutboundMessage("tether/gw/telemetry", payload, 1, false));
        }
        journal.abandon();

        // when the next run opens the queue
        List<OutboundMessage> recovered = open().recover();

        // then every one is back, in order
        assertThat(recovered).hasSize(100_000);
        for (int i = 0; i < recovered.size(); i++) {
            byte[] payload = recovered.get(i).payload;
            assertThat((payload[0] & 0xFF) | (payload[1] & 0xFF) << 8 | (payload[2] & 0xFF) << 16).isEqualTo(i);
        }
    }

    @Test
    void aTornLastRecordIsSkippedOnceAndEverythingBeforeItIsRecovered() throws Exception {
        // given three messages, the last one cut short by a crash in mid-write
        SegmentedJournal journal = open();
        journal.append(message("t", "one"));
        journal.append(message("t", "two"));
        journal.append(message("t", "three"));
        journal.abandon();
        Path segment = segmentFiles().get(0);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 5);
        }

        // when the next run opens the queue, and appends
        SegmentedJournal reopened = open();
        List<OutboundMessage> recovered = reopened.recover();
        reopened.append(message("t", "four"));
        reopened.abandon();

        // then the two whole ones are recovered, the torn one is logged once, and the next record follows them
        assertThat(payloads(recovered)).containsExactly("one", "two");
        assertThat(log.lines()).filteredOn(line -> line.contains("cut short by a crash")).hasSize(1)
            .allSatisfy(line -> assertThat(line).contains(segment.toString()));
        assertThat(payloads(open().recover())).containsExactly("one", "two", "four");
        assertThat(log.lines()).filteredOn(line -> line.contains("cut short by a crash")).hasSize(1);
    }

    @Test
    void aDamagedRecordInAnOlderSegmentIsReportedByFileAndEverythingElseIsRecovered() throws Exception {
        // given three segments of messages, one byte of a payload in the first segment damaged on the disk
        SegmentedJournal journal = open();
        for (int i = 0; i < 300; i++) {
            journal.append(large(i));
        }
        journal.abandon();
        List<Path> segments = segmentFiles();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
        try (RandomAccessFile file = new RandomAccessFile(segments.get(0).toFile(), "rw")) {
            file.seek(5_000);
            file.write(file.read() ^ 0xFF);
        }

        // when the next run opens the queue
        List<OutboundMessage> recovered = open().recover();

        // then only the damaged record is missing, and the error names the file
        assertThat(recovered).hasSize(299);
        assertThat(recovered.get(0).topic).isEqualTo("large/1");
        assertThat(recovered).extracting(m -> m.topic).doesNotHaveDuplicates();
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("error")
            .contains("damaged record(s) skipped").contains(segments.get(0).getFileName().toString() + ", 1,"));
    }

    @Test
    void aSegmentIsDeletedOnceAllItsMessagesAreAcknowledged() throws Exception {
        // given three segments of messages
        SegmentedJournal journal = open();
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            OutboundMessage message = large(i);
            journal.append(message);
            messages.add(message);
        }
        assertThat(segmentFiles()).hasSizeGreaterThanOrEqualTo(3);

        // when all are acknowledged
        messages.forEach(journal::remove);
        journal.flush();

        // then only the newest segment stays, holding acknowledgements alone
        assertThat(segmentFiles()).hasSize(1);
        assertThat(bytesOnDisk()).isLessThan(SegmentedJournal.SEGMENT_BYTES);
        journal.close();
        assertThat(open().recover()).isEmpty();
    }

    @Test
    void theFilesHoldAtMostTwiceTheQueuePlusASegmentWhileAnOldMessageWaits() throws Exception {
        // given one message that is never acknowledged, then a stream that is
        SegmentedJournal journal = open();
        OutboundMessage stuck = message("stuck", "waits for ever");
        journal.append(stuck);

        // when 10 MB pass through the queue, acknowledged as they go
        long worst = 0;
        for (int i = 0; i < 1000; i++) {
            OutboundMessage passing = large(i);
            journal.append(passing);
            journal.remove(passing);
            if (i % 10 == 0) {
                journal.flush();
            }
            worst = Math.max(worst, bytesOnDisk() - 2 * journal.liveBytes());
        }
        journal.flush();

        // then the old message was carried forward instead of pinning every segment, and still comes back
        assertThat(worst).isLessThanOrEqualTo(SegmentedJournal.SEGMENT_BYTES + 2 * JournalRecords.MESSAGE_OVERHEAD
            + 2L * LARGE);
        assertThat(journal.diskBytes()).isEqualTo(bytesOnDisk());
        journal.abandon();
        assertThat(payloads(open().recover())).containsExactly("waits for ever");
    }

    @Test
    void aFolderInUseCannotBeOpenedTwice() throws Exception {
        // given
        SegmentedJournal journal = open();

        // when / then
        assertThatThrownBy(this::open).isInstanceOf(MessageJournal.JournalException.class)
            .hasMessageContaining("queue-test").hasMessageContaining("in use");
        journal.close();
        open().close();
    }

    @Test
    void deleteRemovesTheFolder() throws Exception {
        // given
        SegmentedJournal journal = open();
        journal.append(message("t", "x"));

        // when
        journal.delete();

        // then
        assertThat(folder()).doesNotExist();
    }

    @Test
    void aFullDiskFailsTheAppendLeavesTheFilesIntactAndWritingWorksAgainWhenThereIsRoom() throws Exception {
        // given a journal with one message, on a disk that then fills up
        FaultyFiles disk = new FaultyFiles();
        SegmentedJournal journal = SegmentedJournal.open(folder(), disk, log.logger(), QueueSync.NONE);
        journal.append(message("t", "before"));
        disk.diskFull = true;

        // when two publishes are refused, then the disk has room again
        assertThatThrownBy(() -> journal.append(message("t", "refused 1")))
            .isInstanceOf(MessageJournal.JournalException.class).hasMessageContaining("No space left on device");
        assertThatThrownBy(() -> journal.append(message("t", "refused 2")))
            .isInstanceOf(MessageJournal.JournalException.class);
        disk.diskFull = false;
        journal.append(message("t", "after"));
        journal.abandon();

        // then what was accepted is there, in order, with nothing of the refused ones; logged once each way
        assertThat(payloads(open().recover())).containsExactly("before", "after");
        assertThat(log.lines()).filteredOn(line -> line.contains("No space left on device")).hasSize(1);
        assertThat(log.lines()).filteredOn(line -> line.contains("writing works again")).hasSize(1);
        assertThat(log.lines()).noneMatch(line -> line.contains("cut short"));
    }

    @Test
    void queueSyncAlwaysForcesEachPublishToTheDiskBeforeItReturnsAndNoneDoesNot() throws Exception {
        // given
        FaultyFiles disk = new FaultyFiles();
        SegmentedJournal journal = SegmentedJournal.open(folder(), disk, log.logger(), QueueSync.NONE);

        // when a message is appended without sync, then with
        journal.append(message("t", "none"));
        int forcesWithoutSync = disk.forces.get();
        journal.sync(QueueSync.ALWAYS);
        journal.append(message("t", "always"));

        // then
        assertThat(forcesWithoutSync).isZero();
        assertThat(disk.forces.get()).isEqualTo(1);
        journal.close();
    }

    @Test
    void queueSyncIntervalForcesWhatWasWrittenAtTheFlushNotAtEachPublish() throws Exception {
        // given
        FaultyFiles disk = new FaultyFiles();
        SegmentedJournal journal = SegmentedJournal.open(folder(), disk, log.logger(), QueueSync.INTERVAL);

        // when three messages are appended, then the connection's once-a-second flush comes, twice
        for (int i = 0; i < 3; i++) {
            journal.append(message("t", Integer.toString(i)));
        }
        int forcesByPublishing = disk.forces.get();
        journal.flush();
        int forcesByTheFirstFlush = disk.forces.get();
        journal.flush();

        // then publishing forced nothing, the flush forced them all at once, and a flush with nothing new forces none
        assertThat(forcesByPublishing).isZero();
        assertThat(forcesByTheFirstFlush).isEqualTo(1);
        assertThat(disk.forces.get()).isEqualTo(1);
        journal.close();
    }

    @Test
    void anEmptyFolderOrOneWithForeignFilesOpensEmpty() throws Exception {
        // given
        Files.createDirectories(folder());
        Files.writeString(folder().resolve("notes.txt"), "not a segment");

        // when / then
        try (Stream<Path> files = Files.list(folder())) {
            assertThat(files).hasSize(1);
        }
        SegmentedJournal journal = open();
        assertThat(journal.recover()).isEmpty();
        journal.close();
    }
}
