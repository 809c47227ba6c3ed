package dev.ramphook.auth;

import dev.ramphook.WebhookRequest;
import java.util.List;
import java.util.Objects;

/**
 * Proves that a delivery is genuine, from the raw body bytes exactly as received and the request's headers,
 * path, query and peer address. Runs before the body is parsed.
 *
 * <p>Implementations are immutable and thread-safe, compare secrets in constant time, accept several secrets
 * (rotation), and never put a secret or an expected signature into a reason, a log line or {@code toString()}.
 */
@FunctionalInterface
public interface Authenticator {

    Verification verify(WebhookRequest request, byte[] body);

    /**
     * The part of the check that needs no body: the source address, a token in the URL, whether a signature
     * header is present at all. The receiver calls it before reading a single body byte (and so before a container
     * sends {@code 100 Continue}): a caller that fails it never gets to upload one. {@link #verify} still runs after
     * the body is read, so an authenticator whose whole check needs no body may repeat it there.
     * Default: accepts (everything is left to {@link #verify}).
     */
    default Verification checkBeforeBody(WebhookRequest request) {
        return Verification.ok();
    }

    /**
     * Accepts every delivery. Only for endpoints protected some other way (a private network, a gateway that
     * verifies): the receiver logs a warning for each endpoint built with it.
     */
    static Authenticator none() {
        return NoAuthentication.INSTANCE;
    }

    /** Every authenticator must accept; the first rejection is the answer. Use to add an IP allowlist. */
    static Authenticator allOf(Authenticator... authenticators) {
        List<Authenticator> all = List.of(authenticators);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("allOf needs at least one authenticator");
        }
        return new AllOf(all);
    }

    /** True for {@link #none()}. */
    default boolean isNone() {
        return false;
    }
}

/** The explicit opt-out; a named type so that the receiver can warn about it. */
enum NoAuthentication implements Authenticator {
    INSTANCE;

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        return Verification.ok();
    }

    @Override
    public boolean isNone() {
        return true;
    }

    @Override
    public String toString() {
        return "Authenticator.none()";
    }
}

/** Every one must accept, checked in the order given; the event id of the last one that supplies one wins. */
record AllOf(List<Authenticator> all) implements Authenticator {

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        Verification accepted = Verification.ok();
        for (Authenticator a : all) {
            Verification v = Objects.requireNonNull(a.verify(request, body), "authenticator returned null");
            if (!v.isOk()) {
                return v;
            }
            if (v.eventId().isPresent()) {
                accepted = v;
            }
        }
        return accepted;
    }

    @Override
    public Verification checkBeforeBody(WebhookRequest request) {
        for (Authenticator a : all) {
            Verification v = Objects.requireNonNull(a.checkBeforeBody(request), "authenticator returned null");
            if (!v.isOk()) {
                return v;
            }
        }
        return Verification.ok();
    }

    /** Lists the members by their own (secret-free) descriptions. */
    @Override
    public String toString() {
        return "Authenticator.allOf" + all;
    }
}
