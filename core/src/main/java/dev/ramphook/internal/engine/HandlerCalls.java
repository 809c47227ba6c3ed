package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryContext;
import dev.ramphook.WebhookEvent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a handler is called: directly (inline handling, on the request's own thread, bounded by the provider's
 * timeout), or on a helper thread bounded by the handler timeout (queued handling). A call past the timeout is
 * interrupted and counts as a failed attempt, so a hung handler cannot keep a worker, or its renewed claim, forever.
 */
abstract class HandlerCalls {

    /** Thrown in place of a handler that did not return in time; the attempt fails and is retried. */
    static final class HandlerTimeoutException extends Exception {
        HandlerTimeoutException(Duration timeout) {
            super("handler did not return within " + timeout + "; interrupted");
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

    static HandlerCalls bounded(Duration timeout) {
        return new Bounded(timeout);
    }

    private static final class Bounded extends HandlerCalls {
        private final Duration timeout;
        private final ExecutorService threads;

        Bounded(Duration timeout) {
            this.timeout = timeout;
            AtomicInteger n = new AtomicInteger();
            // Cached: one thread per running call, reused; a hung handler keeps only its own thread.
            this.threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "ramphook-handler-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        void call(Binding binding, WebhookEvent<?> event, DeliveryContext context) throws Exception {
            Future<?> running = threads.submit(() -> {
                binding.handler().handle(event, context);
                return null;
            });
            try {
                running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                throw new HandlerTimeoutException(timeout);
            } catch (InterruptedException e) {
                running.cancel(true); // shutdown interrupts the worker: pass it on to the handler
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception failure) {
                    throw failure;
                }
                throw (Error) cause;
            }
        }

        @Override
        void close() {
            threads.shutdownNow();
        }
    }
}
