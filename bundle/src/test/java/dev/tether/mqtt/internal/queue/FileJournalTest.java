package dev.tether.mqtt.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.internal.connection.RecordingLogger;

/** The queue file: what is appended survives reopening, in order, until it is removed. */
class FileJournalTest {

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();

    private static OutboundMessage message(String topic, String payload) {
        return new OutboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private FileJournal open() throws Exception {
        return FileJournal.open(dir.resolve("queue-test.mv"), log.logger());
    }

    @Test
    void appendedMessagesAreRecoveredInOrderWithEveryField() throws Exception {
        // given
        FileJournal journal = open();
        OutboundMessage retained = new OutboundMessage("a/\u00e9/\uD83D\uDE00", new byte[] {0, 1, 2}, 2, true, 1234L);
        journal.append(message("a/1", "first"));
        journal.append(retained);
        journal.append(message("a/3", "third"));
        journal.close();

        // when
        FileJournal reopened = open();
        List<OutboundMessage> recovered = reopened.recover();

        // then
        assertThat(recovered).extracting(m -> m.topic).containsExactly("a/1", "a/\u00e9/\uD83D\uDE00", "a/3");
        OutboundMessage second = recovered.get(1);
        assertThat(second.payload).containsExactly(0, 1, 2);
        assertThat(second.qos).isEqualTo(2);
        assertThat(second.retain).isTrue();
        assertThat(second.acceptedAtMillis).isEqualTo(1234L);
        assertThat(recovered).allSatisfy(m -> assertThat(m.journalKey).isPositive());
        reopened.close();
    }

    @Test
    void removedMessagesAreGoneAfterFlushAndReopen() throws Exception {
        // given
        FileJournal journal = open();
        OutboundMessage acknowledged = message("t", "acknowledged");
        journal.append(acknowledged);
        journal.append(message("t", "pending"));

        // when
        journal.remove(acknowledged);
        journal.flush();
        journal.close();

        // then
        FileJournal reopened = open();
        assertThat(reopened.recover()).extracting(m -> new String(m.payload, StandardCharsets.UTF_8))
            .containsExactly("pending");
        reopened.close();
    }

    @Test
    void keysKeepGrowingAcrossReopenSoNewMessagesQueueBehindOldOnes() throws Exception {
        // given
        FileJournal journal = open();
        OutboundMessage old = message("t", "old");
        journal.append(old);
        journal.close();

        // when
        FileJournal reopened = open();
        OutboundMessage recovered = reopened.recover().get(0);
        OutboundMessage fresh = message("t", "new");
        reopened.append(fresh);

        // then
        assertThat(fresh.journalKey).isGreaterThan(recovered.journalKey);
        reopened.close();
    }

    @Test
    void concurrentAppendsAreAllDurable() throws Exception {
        // given 8 publishers appending at once (their commits are shared)
        FileJournal journal = open();
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

        // when the store is dropped without a clean close, as in a crash
        journal.closeWithoutCommit();

        // then every append is there, each publisher's in its order
        FileJournal reopened = open();
        List<OutboundMessage> recovered = reopened.recover();
        assertThat(recovered).hasSize(4000);
        for (int p = 0; p < 8; p++) {
            String topic = "p/" + p;
            assertThat(recovered).filteredOn(m -> m.topic.equals(topic))
                .extracting(m -> Integer.parseInt(new String(m.payload, StandardCharsets.UTF_8)))
                .isSorted().hasSize(500);
        }
        reopened.close();
    }

    @Test
    void aFileInUseByAnotherJournalCannotBeOpened() throws Exception {
        // given
        FileJournal journal = open();

        // when / then
        assertThatThrownBy(this::open).isInstanceOf(MessageJournal.JournalException.class)
            .hasMessageContaining("queue-test.mv");
        journal.close();
    }

    @Test
    void deleteRemovesTheFile() throws Exception {
        // given
        FileJournal journal = open();
        journal.append(message("t", "x"));

        // when
        journal.delete();

        // then
        assertThat(dir.resolve("queue-test.mv")).doesNotExist();
    }
}
