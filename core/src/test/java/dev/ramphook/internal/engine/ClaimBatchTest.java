package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker claims about 100 ms of handling work at once: many fast events, few slow ones, never none. */
class ClaimBatchTest {

    private static double millis(double ms) {
        return TimeUnit.MICROSECONDS.toNanos((long) (ms * 1000));
    }

    @Test
    void fastHandlersShareAClaimAmongTheMostEvents() {
        assertThat(QueueWorker.nextBatch(millis(0.05))).isEqualTo(QueueWorker.MAX_BATCH);
        assertThat(QueueWorker.nextBatch(0)).isEqualTo(QueueWorker.MAX_BATCH);
    }

    @Test
    void slowerHandlersClaimFewerSoThatABatchIsAbout100Milliseconds() {
        assertThat(QueueWorker.nextBatch(millis(4))).isEqualTo(25);
        assertThat(QueueWorker.nextBatch(millis(20))).isEqualTo(5);
    }

    @Test
    void handlersSlowerThanTheTargetClaimOneAtATime() {
        assertThat(QueueWorker.nextBatch(millis(100))).isEqualTo(1);
        assertThat(QueueWorker.nextBatch(millis(60_000))).isEqualTo(1);
    }
}
