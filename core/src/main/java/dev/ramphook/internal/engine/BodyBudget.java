package dev.ramphook.internal.engine;

import dev.ramphook.internal.text.Logs;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The bytes of bodies in flight, across every endpoint: being read, or held by a delivery not yet answered. A
 * delivery reserves what its body may take (its declared {@code Content-Length}, at most {@code maxBodyBytes}; the
 * whole {@code maxBodyBytes} when the length is not declared) before a byte of it is read, and gives it back when it
 * is answered. A reservation that would pass the limit is refused: the delivery is answered 503 with
 * {@code Retry-After} before its body is buffered, so a burst of large deliveries meets early 503s, not an
 * exhausted heap. Refusals are logged once per {@link #LOG_INTERVAL_NANOS interval} with their count.
 */
final class BodyBudget {

    private static final Logger log = Logs.get(BodyBudget.class);
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLog;

    BodyBudget(long limit) {
        this.limit = limit;
        this.lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    }

    /** Reserves {@code bytes}, or returns false, reserving nothing, when that would pass the limit. */
    boolean tryReserve(long bytes) {
        long current;
        do {
            current = used.get();
            if (current + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The bytes reserved now. */
    long inFlight() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    /** Counts one refusal; logs the count at WARN once per interval (the first refusal logs at once). */
    void refused(String endpoint) {
        refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            long count = refusedSinceLog.getAndSet(0);
            log.warn("{} deliver{} answered 503 (latest to {}): bodies in flight reached ramphook.max-body-bytes-in-flight"
                    + " ({} bytes); the provider retries. Next summary in {} s at the earliest", count,
                    count == 1 ? "y" : "ies", endpoint, limit, TimeUnit.NANOSECONDS.toSeconds(LOG_INTERVAL_NANOS));
        }
    }
}
