package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ramphook.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store call bounded by a deadline: its result, its failure, a late result, and a pool that is full. */
class StoreDeadlineTest {

    /** Room for a few calls: a thread that just answered may not be back in the pool for the next call yet. */
    private final StoreDeadline pooled = StoreDeadline.pooled(4);
    private final StoreDeadline single = StoreDeadline.pooled(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> late = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        release.countDown();
        pooled.close();
        single.close();
    }

    private String hangs() {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "late";
    }

    @Test
    void aFastCallAnswersItsResult() throws Exception {
        assertThat(pooled.call(StoreDeadline.after(Duration.ofSeconds(30)), () -> "recorded", late::add))
                .isEqualTo("recorded");
        assertThat(late).isEmpty();
    }

    @Test
    void aFailureIsThrownAsItIs() {
        assertThatThrownBy(() -> pooled.<String>call(StoreDeadline.after(Duration.ofSeconds(30)), () -> {
            throw new StoreException("database down");
        }, late::add)).isInstanceOf(StoreException.class).hasMessage("database down");
        assertThatThrownBy(() -> pooled.<String>call(StoreDeadline.after(Duration.ofSeconds(30)), () -> {
            throw new OutOfMemoryError("test");
        }, late::add)).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aCallPastItsDeadlineIsMissed() {
        // Whether the call had started when its deadline passed is up to the scheduler: either way it is missed.
        assertThatThrownBy(() -> pooled.call(System.nanoTime() - 1, this::hangs, late::add))
                .isInstanceOfSatisfying(StoreDeadline.Missed.class, e -> assertThat(e.busy()).isFalse());
    }

    @Test
    void aRunningCallGivenUpOnIsMissedAndItsLateResultHandedOn() throws Exception {
        assertThat(givenUpWhileRunning(pooled).busy()).isFalse();
        release.countDown();
        await().until(() -> late.equals(List.of("late")));
    }

    @Test
    void whileEveryThreadHangsTheNextCallIsRefusedAtOnceAndNeverRuns() throws Exception {
        givenUpWhileRunning(single);
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> single.call(StoreDeadline.after(Duration.ofSeconds(30)), ran::incrementAndGet,
                v -> { }))
                .isInstanceOfSatisfying(StoreDeadline.Missed.class, e -> assertThat(e.busy()).isTrue());
        release.countDown();
        await().until(() -> late.size() == 1);
        assertThat(ran.get()).isZero();
    }

    /**
     * The {@link StoreDeadline.Missed} of a call to {@link #hangs} that its caller gave up on while it ran: the caller
     * waits with a far deadline and is interrupted once the call has started. A short deadline instead (50 ms, as
     * before) passed on a loaded machine before a thread had started the call, which then never ran: nothing
     * stranded, no late result, and both tests below failed now and then.
     */
    private StoreDeadline.Missed givenUpWhileRunning(StoreDeadline deadline) throws Exception {
        CompletableFuture<StoreDeadline.Missed> missed = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                deadline.call(StoreDeadline.after(Duration.ofMinutes(5)), this::hangs, late::add);
                missed.completeExceptionally(new AssertionError("the hanging call answered"));
            } catch (StoreDeadline.Missed e) {
                missed.complete(e);
            } catch (RuntimeException | Error e) {
                missed.completeExceptionally(e);
            }
        });
        caller.start();
        assertThat(started.await(1, TimeUnit.MINUTES)).as("the call started").isTrue();
        caller.interrupt();
        return missed.get(1, TimeUnit.MINUTES);
    }

    @Test
    void aDirectDeadlineCallsOnTheCallersThread() throws Exception {
        Thread caller = Thread.currentThread();
        assertThat(StoreDeadline.direct().call(0, () -> Thread.currentThread() == caller, v -> { })).isTrue();
    }
}
