package dev.ramphook.internal.engine;

import dev.ramphook.WebhookReceiver;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The engine behind a receiver, for this library's own code outside {@code dev.ramphook}: granted by
 * {@link WebhookReceiver}'s static initialiser. Having a receiver means the grant has happened.
 */
public final class ApiAccess {

    private static volatile Grant granted;

    private ApiAccess() {
    }

    /** The package-private side of {@code dev.ramphook}'s receiver; implemented there, granted once. */
    public interface Grant {

        /** The engine behind {@code receiver}: see {@link ApiAccess#engine}. */
        Engine engine(WebhookReceiver receiver);
    }

    /**
     * Called once, by {@code WebhookReceiver}'s static initialiser.
     *
     * @throws IllegalStateException when the access was already granted
     */
    public static synchronized void grant(Grant grant) {
        if (granted != null) {
            throw new IllegalStateException("API access already granted");
        }
        granted = Objects.requireNonNull(grant, "grant");
    }

    /** The engine behind {@code receiver}, for this library's own code outside {@code dev.ramphook}. */
    public static Engine engine(WebhookReceiver receiver) {
        return access().engine(Objects.requireNonNull(receiver, "receiver"));
    }

    private static Grant access() {
        Grant grant = granted;
        return grant != null ? grant : granted(WebhookReceiver.class, () -> granted);
    }

    /** Initialises {@code granter}, whose static initialiser grants the access, and returns that grant. */
    private static <T> T granted(Class<?> granter, Supplier<T> grant) {
        try {
            Class.forName(granter.getName(), true, granter.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        T granted = grant.get();
        if (granted == null) {
            throw new IllegalStateException("access not granted: " + granter.getSimpleName() + " did not initialise");
        }
        return granted;
    }
}
