package dev.ramphook.servlet.testing;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that fails, as one whose log file is not writable does, until {@link #fix()}; then counts what it
 * handled. Static because the zero-code configuration instantiates it by class name; one application uses it.
 */
public final class FlakyHandler {

    private static volatile boolean fixed;
    private static final AtomicInteger HANDLED = new AtomicInteger();

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        if (!fixed) {
            throw new IllegalStateException("cannot append to the event log (test)");
        }
        HANDLED.incrementAndGet();
    }

    /** From now on, every call succeeds. */
    public static void fix() {
        fixed = true;
    }

    /** How many events were handled successfully. */
    public static int handled() {
        return HANDLED.get();
    }
}
