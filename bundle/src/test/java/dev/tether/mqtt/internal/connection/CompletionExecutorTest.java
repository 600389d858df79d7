package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompletionExecutorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AtomicInteger threadsStarted = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        threadsStarted.incrementAndGet();
        return new Thread(runnable, "test-pool-" + threadsStarted.get());
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    /** Long enough never to count as stuck in the tests that are not about it, however slow the machine. */
    private final CompletionExecutor completions = new CompletionExecutor(pool, timer, Duration.ofMinutes(1));

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        timer.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void completionsRunInOrderOnThePoolNotOnTheCaller() {
        // given
        List<Integer> ran = new CopyOnWriteArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Integer> expected = IntStream.range(0, 10_000).boxed().toList();

        // when
        expected.forEach(i -> completions.execute(() -> {
            threads.add(Thread.currentThread());
            ran.add(i);
        }));

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ran).containsExactlyElementsOf(expected));
        assertThat(threads).doesNotContain(Thread.currentThread())
            .allSatisfy(thread -> assertThat(thread.getName()).startsWith("test-pool-"));
    }

    @Test
    void aBurstOfCompletionsIsRunBackToBackNotAThreadEach() throws Exception {
        // given the only pool thread busy until the whole burst is queued
        CountDownLatch queued = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        completions.execute(() -> block(queued));

        // when
        for (int i = 0; i < 1000; i++) {
            completions.execute(ran::incrementAndGet);
        }
        queued.countDown();

        // then one thread ran them all
        await().atMost(TIMEOUT).until(() -> ran.get() == 1000);
        assertThat(threadsStarted).hasValue(1);
    }

    @Test
    void aDependentThatWaitsForALaterCompletionDoesNotDeadlock() throws Exception {
        // given a first completion whose dependent action waits for the second stage
        CompletionExecutor completions = new CompletionExecutor(pool, timer, CompletionExecutor.STUCK);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<String> outcome = first.thenApply(done -> {
            second.join();
            return "the first's dependent saw the second complete";
        });

        // when both are completed through the executor, the second queued behind the first
        completions.execute(() -> first.complete(null));
        completions.execute(() -> second.complete(null));

        // then another thread takes over the queue once the first has been stuck for a while
        assertThat(outcome.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            .isEqualTo("the first's dependent saw the second complete");
        assertThat(threadsStarted).hasValue(2);
    }

    @Test
    void completionsStillRunWhenThePoolIsShutDown() {
        // given
        pool.shutdown();
        AtomicInteger ran = new AtomicInteger();

        // when
        completions.execute(ran::incrementAndGet);

        // then it ran at once, on the caller
        assertThat(ran).hasValue(1);
    }

    @Test
    void aFailingCompletionDoesNotStopTheOnesBehindIt() {
        // given
        AtomicInteger ran = new AtomicInteger();

        // when
        completions.execute(() -> {
            throw new IllegalStateException("a broken completion");
        });
        completions.execute(ran::incrementAndGet);

        // then
        await().atMost(TIMEOUT).until(() -> ran.get() == 1);
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
