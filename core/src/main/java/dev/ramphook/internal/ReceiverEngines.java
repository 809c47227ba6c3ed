package dev.ramphook.internal;

import dev.ramphook.WebhookReceiver;
import java.util.Objects;
import java.util.function.Function;

/**
 * How this library's own code outside {@code dev.ramphook} (the metrics binder, the console) reaches the engine of
 * a {@link WebhookReceiver} without the receiver's public API showing it. {@code WebhookReceiver} hands over the
 * access when its class initialises; having a receiver means that has happened.
 */
public final class ReceiverEngines {

    private static volatile Function<WebhookReceiver, Engine> access;

    private ReceiverEngines() {
    }

    /**
     * Called once, by {@code WebhookReceiver}'s static initialiser.
     *
     * @throws IllegalStateException when the access was already granted
     */
    public static synchronized void grant(Function<WebhookReceiver, Engine> engineOf) {
        if (access != null) {
            throw new IllegalStateException("receiver engine access already granted");
        }
        access = Objects.requireNonNull(engineOf, "engineOf");
    }

    /** The engine behind {@code receiver}. */
    public static Engine of(WebhookReceiver receiver) {
        return access.apply(Objects.requireNonNull(receiver, "receiver"));
    }
}
