package dev.ramphook;

import java.time.Clock;
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

    /**
     * Checks one delivery, after its body was read in full and before anything parses it. Called from many
     * threads at once. Must not throw for any input: a malformed header is a rejection, not an exception.
     *
     * @param request the request: headers, path, query and peer address (its body is already read)
     * @param body    the raw body bytes exactly as received; do not modify them
     * @return {@link Verification#ok()} (or {@link Verification#ok(String)} naming the event), or a 401/403
     *         rejection whose reason names the failed check
     */
    Verification verify(WebhookRequest request, byte[] body);

    /**
     * {@code request} as a genuine sender of this scheme sends it with {@code body}: with the signature headers, URL
     * token or source address this authenticator accepts, made with its first secret at its clock's now. For tests
     * and local tools (the test kit's {@code SignedDelivery}, the Jetty example's {@code send}); the receiver never
     * calls it. An implementation adds what it checks and keeps everything else of the request; a scheme whose
     * signature is inside the body (Transak's JWT) returns the request with the signed body, which is then sent.
     *
     * @param request the unsigned request, with the endpoint's path
     * @param body    the raw body that will be sent
     * @return a new request that {@link #verify} accepts with {@code body} (or with its own body, when it has one)
     * @throws UnsupportedOperationException when the scheme cannot be produced from what this authenticator holds
     *                                       (the default: a scheme verified with a public key needs the sender's
     *                                       private key)
     */
    default WebhookRequest sign(WebhookRequest request, byte[] body) {
        throw new UnsupportedOperationException(this + " cannot sign a delivery");
    }

    /**
     * The part of the check that needs no body: the source address, a token in the URL, whether a signature
     * header is present at all. The receiver calls it before reading a single body byte (and so before a container
     * sends {@code 100 Continue}): a caller that fails it never gets to upload one. {@link #verify} still runs after
     * the body is read, so an authenticator whose whole check needs no body may repeat it there.
     * Default: accepts (everything is left to {@link #verify}).
     *
     * @param request the request without its body
     * @return {@link Verification#ok()} to go on reading the body, or the rejection to answer at once
     */
    default Verification checkBeforeBody(WebhookRequest request) {
        return Verification.ok();
    }

    /**
     * This authenticator with {@code clock} as what "now" is for its time checks (a signed timestamp's tolerance, a
     * token's expiry), unless a clock was set on it explicitly: an explicit clock ({@code clock(…)} on the
     * authenticator) always wins. The receiver calls it on every endpoint's authenticator when it is built, with
     * {@link dev.ramphook.receiver.WebhookReceiver.Builder#clock its own clock}, so that one clock serves the receiver
     * and its authenticators. Never modifies this authenticator.
     *
     * <p>Default: returns {@code this} (for authenticators that check no time). An authenticator that checks time
     * overrides it and returns a copy with the clock; one that combines others (as {@link #allOf} does) passes it to
     * each member.
     *
     * @param clock the receiver's clock
     * @return an authenticator that uses {@code clock} where no clock was set explicitly; immutable and thread-safe
     * @throws NullPointerException when {@code clock} is null
     */
    default Authenticator withDefaultClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Accepts every delivery. Only for endpoints protected some other way (a private network, a gateway that
     * verifies): the receiver logs a warning for each endpoint built with it.
     *
     * @return the one shared instance, thread-safe; its {@link #sign} returns the request unchanged
     */
    static Authenticator none() {
        return NoAuthentication.INSTANCE;
    }

    /**
     * Every authenticator must accept; the first rejection is the answer. Use to add an IP allowlist:
     * {@code allOf(IpAllowlist.of("203.0.113.0/24"), UrlToken.of(token))} (cheap checks first).
     *
     * @param authenticators the checks, run in this order
     * @return an authenticator that runs them all, before and after the body
     * @throws IllegalArgumentException when none is given
     * @throws NullPointerException     when one is null
     */
    static Authenticator allOf(Authenticator... authenticators) {
        List<Authenticator> all = List.of(authenticators);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("allOf needs at least one authenticator");
        }
        return new AllOf(all);
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
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        return request;
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

    /** Every member signs in turn (an allowlist picks the address, a signature adds its header). */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        WebhookRequest signed = request;
        for (Authenticator a : all) {
            signed = Objects.requireNonNull(a.sign(signed, body), "sign returned null");
        }
        return signed;
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

    /** Every member gets the clock; those with an explicit clock keep theirs. */
    @Override
    public Authenticator withDefaultClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new AllOf(all.stream()
                .map(a -> Objects.requireNonNull(a.withDefaultClock(clock), "withDefaultClock returned null"))
                .toList());
    }

    /** Lists the members by their own (secret-free) descriptions. */
    @Override
    public String toString() {
        return "Authenticator.allOf" + all;
    }
}
