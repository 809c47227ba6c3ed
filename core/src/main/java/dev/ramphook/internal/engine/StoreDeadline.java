package dev.ramphook.internal.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Bounds the store calls a delivery waits on before its answer (the record, and inline handling's claim): the call
 * runs on a small pool of threads and the request's thread waits for it until a deadline. A JDBC call cannot be
 * interrupted (a pool waiting for a connection, a socket read), so the only way to answer within a provider's
 * patience whatever the pool's own timeouts is not to wait past it. A call the request gave up on either never
 * starts or finishes on its own thread, where its late result goes to the caller's {@code late} consumer (an
 * inline claim is given back there).
 *
 * <p>A request waiting for its call has one thread working for it (reused, ended when idle), so a healthy store under
 * any number of concurrent deliveries is never refused here. What is bounded is what the requests left behind: when
 * {@link #MAX_STRANDED} calls are still running past their deadlines (a store that stopped answering keeps them),
 * the next delivery is answered at once instead of stacking up more threads behind a dead database. A direct instance ({@link #direct()}, for the in-memory store, which answers in
 * microseconds and cannot hang) calls on the request's thread and costs nothing.
 */
final class StoreDeadline {

    /** The most calls left running after their deadline passed, each holding a thread, before new ones are refused. */
    static final int MAX_STRANDED = 256;

    /** The call did not finish by the deadline, or could not start because {@link #MAX_STRANDED} calls still hang. */
    static final class Missed extends Exception {
        private final boolean busy;

        Missed(boolean busy) {
            super(busy ? "too many store calls in flight" : "store call past its deadline", null, false, false);
            this.busy = busy;
        }

        /** True when the call never started: too many earlier calls still hang past their deadlines. */
        boolean busy() {
            return busy;
        }
    }

    private final ThreadPoolExecutor threads; // null: direct
    private final int maxStranded;
    /** Calls still running whose request gave up on them. */
    private final AtomicInteger stranded = new AtomicInteger();

    private StoreDeadline(ThreadPoolExecutor threads, int maxStranded) {
        this.threads = threads;
        this.maxStranded = maxStranded;
    }

    /** Calls on the caller's thread, without a deadline. */
    static StoreDeadline direct() {
        return new StoreDeadline(null, 0);
    }

    /**
     * Calls on threads of its own, created when needed and ended when idle, refusing new calls while
     * {@code maxStranded} calls still run past their deadlines.
     */
    static StoreDeadline pooled(int maxStranded) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "ramphook-store-call-" + n.incrementAndGet());
                    t.setDaemon(true); // a hung call must not keep the application from exiting
                    return t;
                });
        return new StoreDeadline(pool, maxStranded);
    }

    /** True when calls run on the caller's thread, without a deadline. */
    boolean isDirect() {
        return threads == null;
    }

    /**
     * {@code call}'s result, if it is there by {@code deadlineNanos} ({@link System#nanoTime()}). Its exceptions and
     * errors are thrown as they are. Past the deadline, {@link Missed}: the call is not started if it had not been,
     * else its result, when it comes, is handed to {@code late} on the call's thread (not its failure: the store
     * logs and reports those).
     */
    <T> T call(long deadlineNanos, Supplier<T> call, Consumer<? super T> late) throws Missed {
        if (threads == null) {
            return call.get();
        }
        if (stranded.get() >= maxStranded) {
            throw new Missed(true);
        }
        Call<T> c = new Call<>(call, late, stranded);
        try {
            threads.execute(c);
        } catch (RejectedExecutionException e) { // closed
            throw new Missed(true);
        }
        return c.await(deadlineNanos);
    }

    /**
     * {@code pending}'s result, if it is there by {@code deadlineNanos}, for a store that works asynchronously (the
     * JDBC store's group commit): no thread of ours waits for it, so nothing is stranded. Its exceptions and errors
     * are thrown as they are. Past the deadline, {@link Missed}, and {@code pending} is cancelled: the store then
     * either never does the work or hands a late result to whatever the caller gave it.
     */
    static <T> T await(CompletableFuture<T> pending, long deadlineNanos) throws Missed {
        if (pending.isDone()) { // answered already (a store in memory): no clock reading, no wait
            try {
                return pending.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        boolean interrupted = false;
        try {
            try {
                return Call.unwrap(() -> pending.get(Math.max(0, deadlineNanos - System.nanoTime()),
                        TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                // past the deadline: give up, unless it finished just now
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (pending.cancel(false)) {
                throw new Missed(false);
            }
            return Call.unwrap(pending::get); // completed just now
        } catch (InterruptedException | TimeoutException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets running calls finish on their own; no new one starts. */
    void close() {
        if (threads != null) {
            threads.shutdown();
        }
    }

    /** One call, handed over between the request's thread and a store-call thread by its state. */
    private static final class Call<T> implements Runnable {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int ABANDONED = 3;

        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final Supplier<T> call;
        private final Consumer<? super T> late;
        private final AtomicInteger stranded;

        Call(Supplier<T> call, Consumer<? super T> late, AtomicInteger stranded) {
            this.call = call;
            this.late = late;
            this.stranded = stranded;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return; // the request gave up before it started: nothing was written
            }
            T value;
            try {
                value = call.get();
            } catch (Throwable failure) { // an Error too: the request's thread rethrows it
                if (state.compareAndSet(RUNNING, DONE)) {
                    result.completeExceptionally(failure);
                } else {
                    stranded.decrementAndGet();
                }
                return;
            }
            if (state.compareAndSet(RUNNING, DONE)) {
                result.complete(value);
                return;
            }
            try {
                late.accept(value);
            } finally {
                stranded.decrementAndGet();
            }
        }

        T await(long deadlineNanos) throws Missed {
            boolean interrupted = false;
            try {
                try {
                    return unwrap(() -> result.get(Math.max(0, deadlineNanos - System.nanoTime()),
                            TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    // past the deadline: give up, unless it finished just now
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (state.compareAndSet(WAITING, ABANDONED)) {
                    throw new Missed(false); // never runs
                }
                if (state.compareAndSet(RUNNING, ABANDONED)) {
                    stranded.incrementAndGet(); // until it finishes, on its own thread
                    throw new Missed(false);
                }
                return unwrap(result::get); // DONE: completed already
            } catch (InterruptedException | TimeoutException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private interface Get<T> {
            T get() throws InterruptedException, TimeoutException, ExecutionException;
        }

        private static <T> T unwrap(Get<T> get) throws InterruptedException, TimeoutException {
            try {
                return get.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause); // a Supplier throws nothing checked
            }
        }
    }

    /** {@code timeout} from now, as a {@link System#nanoTime()} deadline. */
    static long after(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
