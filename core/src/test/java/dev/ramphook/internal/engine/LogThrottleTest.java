package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** The first few lines per group and reason each interval, then one summary with the counts. */
class LogThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Recording log = new Recording();
    private final LogThrottle throttle = new LogThrottle(log, false, "refused", 2, Duration.ofMinutes(1), clock);

    @Test
    void theFirstFewPerReasonAreAdmittedAndTheRestSummarisedAfterTheInterval() {
        long admitted = IntStream.range(0, 5).filter(i -> throttle.admit("/a (p)", "401 no matching signature"))
                .count() + IntStream.range(0, 3).filter(i -> throttle.admit("/a (p)", "413 too large")).count();
        assertThat(admitted).isEqualTo(4);
        assertThat(log.lines).isEmpty();

        clock.advance(Duration.ofSeconds(60));
        assertThat(throttle.admit("/a (p)", "401 no matching signature")).isTrue();

        assertThat(log.lines).singleElement().asString().startsWith("WARN refused 4 more deliveries to /a (p) in 60 s")
                .endsWith("401 no matching signature x 3, 413 too large x 1");
    }

    @Test
    void aQuietIntervalWritesNoSummary() {
        throttle.admit("/a (p)", "401 x");
        clock.advance(Duration.ofMinutes(5));
        throttle.admit("/a (p)", "401 x");
        throttle.flush();

        assertThat(log.lines).isEmpty();
    }

    @Test
    void reasonsPerGroupAreBoundedSoASenderCannotGrowTheTable() {
        for (int i = 0; i < 1000; i++) {
            throttle.admit("/a (p)", "400 reason " + i);
            throttle.admit("/a (p)", "400 reason " + i);
            throttle.admit("/a (p)", "400 reason " + i);
        }
        throttle.flush();

        assertThat(log.lines).singleElement().asString().contains("400 reason 31 x 1").doesNotContain("400 reason 32 ")
                .contains("other x " + ((1000 - LogThrottle.MAX_REASONS) * 3 - 2));
    }

    /** The lines written, as "LEVEL message". */
    private static final class Recording extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final transient List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
