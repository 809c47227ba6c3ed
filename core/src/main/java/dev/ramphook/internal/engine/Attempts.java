package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * The handle step: runs one attempt of a claimed event through its handlers and records the outcome. Handlers that
 * already succeeded on an earlier attempt are skipped, so a retry re-runs only what failed. Inline handling never
 * dead-letters an event on its own count: the provider's redeliveries are its retries.
 */
final class Attempts {

    private static final Logger log = Logs.get(Attempts.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final HandlerRegistry registry;
    private final EventStore store;
    /** {@link #store} as the engine's {@link TimedStore} (always but in tests that give a store directly), or null. */
    private final TimedStore timedStore;
    private final Clock clock;
    private final int maxAttempts;
    private final boolean inline;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final HandlerCalls calls;
    private final Observers observer;
    private final DeliveryTracer tracer; // null unless tracing

    /** Null: each success is marked done on the calling thread before {@link #run} returns (inline handling). */
    private final Completions completions;

    Attempts(HandlerRegistry registry, EngineConfig config, HandlerCalls calls, Observers observer,
             Completions completions) {
        this.calls = calls;
        this.observer = observer;
        this.tracer = config.tracer();
        this.completions = completions;
        this.registry = registry;
        this.store = config.store();
        this.timedStore = store instanceof TimedStore t ? t : null;
        this.clock = config.clock();
        this.maxAttempts = config.maxAttempts();
        this.inline = !config.queued();
        this.initialBackoff = config.initialBackoff();
        this.maxBackoff = config.maxBackoff();
    }

    /**
     * Runs the handlers under {@code owner}'s claim; true when all succeeded and the event is done, or (queued) handed
     * to {@link Completions}, which marks it done and drops its claim. Each handler runs on its own: one that throws
     * does not keep the others of the event from running in the same attempt, and the ones that succeeded are
     * recorded, so a retry re-runs only the failed ones.
     */
    boolean run(StoredEvent claimed, WebhookEvent<?> event, String owner) {
        Context context = new Context(claimed.attempts(), claimed.receivedAt(), claimed.endpoint(), claimed.headers());
        Set<String> earlier = claimed.completedHandlers(); // empty on a first attempt: nothing to skip
        List<Binding> handlers = registry.handlersFor(event);
        // Built at the first failure only (what succeeded until then, earlier attempts' too): an attempt whose
        // handlers all succeed needs no set of them, the event is done.
        Set<String> completed = null;
        List<String> failures = null;
        for (int i = 0, count = handlers.size(); i < count; i++) {
            Binding b = handlers.get(i);
            if (!earlier.isEmpty() && earlier.contains(b.id())) {
                continue;
            }
            // timed only when someone observes as it starts (as a delivery is): no clock reading for nobody
            boolean timed = observer.active();
            long start = timed ? System.nanoTime() : 0;
            DeliveryListener.RunOutcome outcome = DeliveryListener.RunOutcome.SUCCEEDED;
            DeliveryTracer.RunSpan span = tracer == null ? null : tracer.startRun(claimed, b.id(), !inline);
            Throwable thrown = null;
            try {
                calls.call(span == null ? b : new Binding(b.id(), b.provider(), b.patterns(), b.dataType(),
                        span.wrap(b.handler())), event, context);
                if (completed != null) {
                    completed.add(b.id());
                }
            } catch (HandlerCalls.Abandoned given) {
                // Returned after its worker thread was given up on (deaf to the timeout's interrupt): nothing of
                // this attempt is written, but its span ends, as the timed-out run it was, instead of never.
                if (span != null) {
                    span.end(DeliveryListener.RunOutcome.TIMED_OUT, null);
                }
                throw given;
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                thrown = e;
                outcome = e instanceof HandlerCalls.HandlerTimeoutException
                        ? DeliveryListener.RunOutcome.TIMED_OUT : DeliveryListener.RunOutcome.FAILED;
                if (failures == null) {
                    failures = new ArrayList<>();
                    completed = succeededBefore(earlier, handlers, i);
                }
                failures.add(describe(b.id(), e));
                log.warn("handler {} failed for {} on attempt {}", b.id(), event, claimed.attempts(), e);
            }
            if (span != null) {
                span.end(outcome, thrown);
            }
            if (observer.active()) { // no report built for nobody
                observer.handlerRan(new DeliveryListener.HandlerRun(b.id(), event.provider(), event.name(), event.key(),
                        claimed.attempts(), outcome, timed ? System.nanoTime() - start : 0));
            }
        }
        if (failures != null) {
            fail(claimed, owner, event, completed, failures);
            return false;
        }
        ended(claimed, DeliveryListener.AttemptResult.HANDLED, null);
        if (completions != null) {
            completions.add(claimed, owner);
            return true;
        }
        try {
            if (timedStore != null) {
                timedStore.complete(claimed, owner, clock); // reads the clock only for a store that uses its time
            } else {
                store.complete(claimed, owner, clock.instant());
            }
        } catch (RuntimeException e) {
            // The handlers did their work; the claim stays until its lease expires and the event may run again.
            log.error("handled {} but could not mark it done; it may be handled again after the claim lease: {}",
                    event, e.getMessage());
        }
        return true;
    }

    /** The handlers done before {@code handlers[firstFailed]} failed: earlier attempts' and all run before it. */
    private static Set<String> succeededBefore(Set<String> earlier, List<Binding> handlers, int firstFailed) {
        Set<String> done = new HashSet<>(earlier);
        for (int i = 0; i < firstFailed; i++) {
            done.add(handlers.get(i).id()); // skipped (done earlier) or succeeded in this attempt
        }
        return done;
    }

    /** Records a failure that happened outside any handler (an event that can no longer be parsed, say). */
    void failOutright(StoredEvent claimed, String owner, String error) {
        store.fail(claimed, owner, claimed.completedHandlers(), error, null, clock.instant());
        ended(claimed, DeliveryListener.AttemptResult.DEAD, error);
        log.error("event {} is a dead letter: {}{}", claimed, error, SubjectNotes.whenDead(claimed));
    }

    /**
     * Inline, the provider's redeliveries drive the retries: the event stays pending, due at once, whatever its
     * attempt count, because a dead letter nobody sees (the in-memory store) would silently end them. Queued, our
     * backoff drives them, up to {@code maxAttempts}.
     */
    private void fail(StoredEvent claimed, String owner, WebhookEvent<?> event, Set<String> completed,
                      List<String> failures) {
        Instant now = clock.instant();
        boolean last = !inline && claimed.attempts() >= maxAttempts;
        Instant retryAt = last ? null : inline ? now : now.plus(backoff(claimed.attempts()));
        String error = bounded(String.join("; ", failures));
        try {
            store.fail(claimed, owner, completed, error, retryAt, now);
        } catch (RuntimeException storeDown) {
            log.error("could not record the failure of {}; it runs again after the claim lease: {}", event,
                    storeDown.getMessage());
        }
        ended(claimed, last ? DeliveryListener.AttemptResult.DEAD : DeliveryListener.AttemptResult.RETRY, error);
        int failed = failures.size();
        if (inline) {
            log.warn("{} handler(s) failed for {} on attempt {}; answering 500, the provider's redelivery will "
                    + "retry the failed handler(s)", failed, event, claimed.attempts());
        } else if (last) {
            log.error("{} handler(s) failed for {} on attempt {} of {}; the event is now a dead letter (replay it "
                    + "once fixed){}", failed, event, claimed.attempts(), maxAttempts,
                    SubjectNotes.whenDead(claimed));
        } else {
            log.warn("{} handler(s) failed for {} on attempt {} of {}; next attempt at {}{}",
                    failed, event, claimed.attempts(), maxAttempts, retryAt, SubjectNotes.whenRetried(claimed));
        }
    }

    private void ended(StoredEvent claimed, DeliveryListener.AttemptResult result, String error) {
        if (!observer.active()) {
            return;
        }
        observer.attemptEnded(new DeliveryListener.AttemptEnd(claimed.provider(), claimed.name(), claimed.key(),
                claimed.endpoint(), claimed.attempts(), result, error));
    }

    /** Exponential from the initial delay, capped, with jitter in [50%, 100%] so retries do not arrive in step. */
    Duration backoff(int attempt) {
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long exp = attempt >= 62 ? cap : Math.min(cap, initial * (1L << Math.min(attempt - 1, 40)));
        if (exp <= 0 || exp > cap) {
            exp = cap;
        }
        long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static String describe(String handler, Throwable e) {
        return bounded(handler + ": " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static String bounded(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
