package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutDownPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void tasksRunOneAtATimeInOrder() {
        // given
        Mailbox mailbox = new Mailbox(pool, 10_000);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<Integer> expected = IntStream.range(0, 1000).boxed().toList();

        // when
        expected.forEach(i -> mailbox.offer(() -> ran.add(i)));

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ran).containsExactlyElementsOf(expected));
    }

    @Test
    void fullMailboxRefusesTasks() {
        // given a mailbox of two whose first task is blocked
        Mailbox mailbox = new Mailbox(pool, 2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        mailbox.offer(() -> {
            started.countDown();
            block(release);
        });
        await().atMost(TIMEOUT).until(() -> started.getCount() == 0);
        try {
            // when
            boolean second = mailbox.offer(() -> { });
            boolean third = mailbox.offer(() -> { });
            boolean fourth = mailbox.offer(() -> { });

            // then
            assertThat(second).isTrue();
            assertThat(third).isTrue();
            assertThat(fourth).isFalse();
        } finally {
            release.countDown();
        }
    }

    @Test
    void shutDownPoolRefusesTasks() {
        // given
        Mailbox mailbox = new Mailbox(pool, 10);
        pool.shutdown();

        // when
        boolean accepted = mailbox.offer(() -> { });

        // then
        assertThat(accepted).isFalse();
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
