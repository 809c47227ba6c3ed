package dev.ramphook.testing.http;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that fails, as one whose log file is not writable does, until {@link #fix()}. Static because the
 * zero-code configuration instantiates it by class name. Several applications in one JVM use it, so "fixed" is per
 * event: an event fails until a {@link #fix()} that came after its first delivery (a fix made earlier, by another
 * container's run in the same JVM, does not make a new event succeed at once).
 */
public final class FlakyHandler {

    private static final AtomicInteger FIXES = new AtomicInteger();
    private static final Map<String, Integer> FIXES_AT_FIRST_DELIVERY = new ConcurrentHashMap<>();

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        int fixesBefore = FIXES_AT_FIRST_DELIVERY.computeIfAbsent(event.provider() + ":" + event.key(),
                key -> FIXES.get());
        if (FIXES.get() == fixesBefore) {
            throw new IllegalStateException("cannot append to the event log (test)");
        }
    }

    /** From now on, every event delivered before this call succeeds. */
    public static void fix() {
        FIXES.incrementAndGet();
    }
}
