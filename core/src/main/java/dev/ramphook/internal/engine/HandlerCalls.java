package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryContext;
import dev.ramphook.WebhookEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * How a handler is called: directly (inline handling, on the request's own thread, bounded by the provider's
 * timeout), or bounded by the handler timeout (queued handling). A call past the timeout is interrupted and counts as
 * a failed attempt, so a hung handler cannot keep a worker, or its renewed claim, forever.
 *
 * <p>A queued worker's thread {@linkplain Bounded#watch registers} once and then calls its handlers itself: one
 * watchdog thread per receiver looks at the running calls a few times per timeout and interrupts one past its
 * deadline. Handing every call to a helper thread and waiting for it cost two context switches per handler call,
 * the largest share of a worker's CPU per event. A handler that ignores the interrupt for a grace period loses its
 * thread: the worker is told ({@code abandoned}), gives up that thread's claims and carries on on a new thread; the
 * abandoned thread, should its handler ever return, writes nothing and ends. Any other thread (a replay in inline
 * mode) still calls through a helper thread, as before.
 */
abstract class HandlerCalls {

    /** Thrown in place of a handler that did not return in time; the attempt fails and is retried. */
    static final class HandlerTimeoutException extends Exception {
        HandlerTimeoutException(Duration timeout) {
            super("handler did not return within " + timeout + "; interrupted");
        }
    }

    /**
     * Thrown, on a watched thread, by a handler call that returned after its thread was given up on: everything the
     * thread held was handed on, so it must write nothing more and end. An {@link Error}, so that no handler-failure
     * path (which catches exceptions) records an outcome for it.
     */
    static final class Abandoned extends Error {
        Abandoned() {
            super("handler returned after its worker thread was given up on", null, false, false);
        }
    }

    abstract void call(Binding binding, WebhookEvent<?> event, DeliveryContext context) throws Exception;

    void close() {
    }

    static HandlerCalls direct() {
        return new HandlerCalls() {
            @Override
            void call(Binding binding, WebhookEvent<?> event, DeliveryContext context) throws Exception {
                binding.handler().handle(event, context);
            }
        };
    }

    static Bounded bounded(Duration timeout) {
        return new Bounded(timeout);
    }

    /** How often the watchdog looks, for a timeout: a quarter of it, between 10 ms and 1 s. */
    static long tickNanos(Duration timeout) {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1),
                timeout.toNanos() / 4));
    }

    /** How long an interrupted handler may take to return before its thread is given up on: up to 1 s. */
    static long graceNanos(Duration timeout) {
        return Math.min(TimeUnit.SECONDS.toNanos(1), timeout.toNanos());
    }

    static final class Bounded extends HandlerCalls {
        private static final long IDLE = 0;
        private static final long RUNNING = 1;
        private static final long TIMED_OUT = 2;
        private static final long ABANDONED = 3;
        private static final long STATE = 3;

        private final Duration timeout;
        private final long timeoutNanos;
        private final long tickNanos;
        private final long graceNanos;
        private final ExecutorService threads;
        private final ThreadLocal<Slot> watched = new ThreadLocal<>();
        private final List<Slot> slots = new CopyOnWriteArrayList<>();
        private final Object watchdogLock = new Object();
        private Thread watchdog; // guarded by watchdogLock; started with the first watched thread
        private volatile boolean closed;

        Bounded(Duration timeout) {
            this.timeout = timeout;
            this.timeoutNanos = timeout.toNanos();
            this.tickNanos = tickNanos(timeout);
            this.graceNanos = graceNanos(timeout);
            AtomicInteger n = new AtomicInteger();
            // Cached: one thread per running call, reused; a hung handler keeps only its own thread.
            this.threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "ramphook-handler-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        /**
         * From now on the calling thread calls its handlers itself, watched. {@code abandoned} runs on the watchdog's
         * thread when a handler of this thread ignored its interrupt past the grace period (the thread is then given
         * up on: its calls throw {@link Abandoned} once they return). After a handler returns with the thread's
         * interrupt flag set, the flag is kept only while {@code keepInterrupt} says so (shutting down): a handler's
         * own stray interrupt must not end the worker.
         */
        void watch(Runnable abandoned, BooleanSupplier keepInterrupt) {
            Slot slot = new Slot(Thread.currentThread(), abandoned, keepInterrupt);
            watched.set(slot);
            slots.add(slot);
            synchronized (watchdogLock) {
                if (watchdog == null && !closed) {
                    watchdog = new Thread(this::watchLoop, "ramphook-handler-watchdog");
                    watchdog.setDaemon(true);
                    watchdog.start();
                }
            }
        }

        /** The calling thread is no longer watched (its worker loop ended). */
        void unwatch() {
            Slot slot = watched.get();
            if (slot != null) {
                watched.remove();
                slots.remove(slot);
            }
        }

        @Override
        void call(Binding binding, WebhookEvent<?> event, DeliveryContext context) throws Exception {
            Slot slot = watched.get();
            if (slot == null) {
                callOnHelper(binding, event, context);
                return;
            }
            long running = slot.start(System.nanoTime() + timeoutNanos);
            Exception failed = null;
            Error error = null;
            try {
                binding.handler().handle(event, context);
            } catch (Exception e) {
                failed = e;
            } catch (Error e) {
                error = e;
            }
            if (slot.state.compareAndSet(running, (running & ~STATE) | IDLE)) {
                if (Thread.currentThread().isInterrupted() && !slot.keepInterrupt.getAsBoolean()) {
                    Thread.interrupted(); // the handler's own: a worker's waits must not see it
                }
            } else {
                synchronized (slot) { // the watchdog's interrupt has landed once we hold this
                    if (slot.state.compareAndSet((running & ~STATE) | TIMED_OUT, (running & ~STATE) | IDLE)) {
                        if (!slot.keepInterrupt.getAsBoolean()) {
                            Thread.interrupted(); // ours: the next call must not start interrupted
                        }
                        throw new HandlerTimeoutException(timeout);
                    }
                }
                throw new Abandoned();
            }
            if (error != null) {
                throw error;
            }
            if (failed != null) {
                throw failed;
            }
        }

        private void callOnHelper(Binding binding, WebhookEvent<?> event, DeliveryContext context) throws Exception {
            Future<?> running = threads.submit(() -> {
                binding.handler().handle(event, context);
                return null;
            });
            try {
                running.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                throw new HandlerTimeoutException(timeout);
            } catch (InterruptedException e) {
                running.cancel(true); // shutdown interrupts the caller: pass it on to the handler
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception failure) {
                    throw failure;
                }
                throw (Error) cause;
            }
        }

        private void watchLoop() {
            while (!closed) {
                try {
                    TimeUnit.NANOSECONDS.sleep(tickNanos);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Slot slot : slots) {
                    long s = slot.state.get();
                    if ((s & STATE) == RUNNING && now - slot.deadline >= 0) {
                        synchronized (slot) {
                            if (slot.state.compareAndSet(s, (s & ~STATE) | TIMED_OUT)) {
                                slot.timedOutAt = now;
                                slot.thread.interrupt();
                            }
                        }
                    } else if ((s & STATE) == TIMED_OUT && now - slot.timedOutAt - graceNanos >= 0
                            && slot.state.compareAndSet(s, (s & ~STATE) | ABANDONED)) {
                        slots.remove(slot);
                        try {
                            slot.abandoned.run();
                        } catch (RuntimeException e) {
                            // the worker logs what it does; the watchdog must go on watching the others
                        }
                    }
                }
            }
        }

        @Override
        void close() {
            closed = true;
            threads.shutdownNow();
            synchronized (watchdogLock) {
                if (watchdog != null) {
                    watchdog.interrupt();
                }
            }
        }
    }

    /**
     * One watched thread's current call: a state word (the call's number above two state bits, so that the watchdog
     * never times out a newer call than the one it looked at) and its deadline.
     */
    private static final class Slot {
        final Thread thread;
        final Runnable abandoned;
        final BooleanSupplier keepInterrupt;
        final AtomicLong state = new AtomicLong();
        volatile long deadline;
        volatile long timedOutAt;
        private long calls; // the owning thread's only

        Slot(Thread thread, Runnable abandoned, BooleanSupplier keepInterrupt) {
            this.thread = thread;
            this.abandoned = abandoned;
            this.keepInterrupt = keepInterrupt;
        }

        /** Marks a call running until {@code deadlineNanos}; the state word it set. */
        long start(long deadlineNanos) {
            deadline = deadlineNanos; // before the state: the watchdog reads the state first
            long word = (++calls << 2) | Bounded.RUNNING;
            state.set(word);
            return word;
        }
    }
}
