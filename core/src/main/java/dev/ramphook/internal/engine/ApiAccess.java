package dev.ramphook.internal.engine;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoredEvent;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the engine (this package and {@code internal.console}), the metrics binder, the test kit and the servlet
 * module need of the API types beyond their public API: a receiver's engine, building answers, reading a request's
 * body, setting one without a copy, spotting {@link Authenticator#none()}, and building and reading a
 * {@link StoredEvent} without copying its body. The receiver and request methods are package-private in
 * {@code dev.ramphook}, and {@link WebhookReceiver}'s static initialiser hands them over; {@link StoredEvent}'s
 * static initialiser hands over its own. Having a receiver means the first has happened. Users cannot construct a {@link WebhookResponse} or read a request's body: only
 * the receiver does. What users call copies the bytes it takes or gives; these methods do not, so that a delivery
 * is not copied on its way through the engine: whoever receives an array from them must not modify it.
 */
public final class ApiAccess {

    private static final String JSON = "application/json";

    private static volatile Grant granted;
    private static volatile StoreGrant storeGranted;

    private ApiAccess() {
    }

    /** The package-private side of {@code dev.ramphook}'s types; implemented there, granted once. */
    public interface Grant {

        /** The engine behind {@code receiver}: see {@link ApiAccess#engine}. */
        Engine engine(WebhookReceiver receiver);

        /** A new answer; {@code body} is kept, not copied, and must not be modified afterwards. */
        WebhookResponse response(int status, String contentType, byte[] body, Map<String, String> headers);

        /** {@code request}'s body: see {@link ApiAccess#readBody}. */
        byte[] readBody(WebhookRequest request, int maxBytes, Clock clock, Instant deadline) throws IOException;

        /** {@code request}'s body length when given as bytes, else -1: see {@link ApiAccess#bufferedBodyLength}. */
        int bufferedBodyLength(WebhookRequest request);

        /** Sets {@code builder}'s body to {@code body}, kept, not copied: see {@link ApiAccess#body}. */
        WebhookRequest.Builder body(WebhookRequest.Builder builder, byte[] body);
    }

    /** The package-private side of {@link StoredEvent}; implemented in {@code dev.ramphook.store}, granted once. */
    public interface StoreGrant {

        /** A new, unclaimed event; {@code body} is kept, not copied: see {@link ApiAccess#storedEvent}. */
        StoredEvent storedEvent(String provider, String key, String name, String endpoint, byte[] body,
                                Map<String, List<String>> headers, Instant receivedAt, String subject,
                                Instant occurredAt);

        /** {@code event}'s body itself: see {@link ApiAccess#body(StoredEvent)}. */
        byte[] body(StoredEvent event);

        /** {@code store}'s grouped record, or null when it has none: see {@link ApiAccess#recordSoon}. */
        CompletableFuture<Recorded> recordSoon(EventStore store, StoredEvent event, Instant now,
                                               Consumer<? super Recorded> late);

        /** {@code store}'s grouped record with a hand-off, or null: see {@link ApiAccess#recordHandingOff}. */
        CompletableFuture<Recorded> recordHandingOff(EventStore store, StoredEvent event, Instant now,
                                                     Consumer<? super Recorded> late, String owner, Instant leaseUntil,
                                                     BiConsumer<StoredEvent, Recorded> handoff);
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

    /**
     * Called once, by {@code StoredEvent}'s static initialiser.
     *
     * @throws IllegalStateException when the access was already granted
     */
    public static synchronized void grant(StoreGrant grant) {
        if (storeGranted != null) {
            throw new IllegalStateException("store access already granted");
        }
        storeGranted = Objects.requireNonNull(grant, "grant");
    }

    /** The engine behind {@code receiver}, for this library's own code outside {@code dev.ramphook}. */
    public static Engine engine(WebhookReceiver receiver) {
        return access().engine(Objects.requireNonNull(receiver, "receiver"));
    }

    /** An answer with a complete JSON body, such as {@code {"status":"accepted"}}. */
    public static WebhookResponse json(int status, String json, Map<String, String> headers) {
        return response(status, JSON, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** An answer of any content type (the console's pages); {@code body} is kept, do not modify it afterwards. */
    public static WebhookResponse response(int status, String contentType, byte[] body, Map<String, String> headers) {
        return access().response(status, contentType, body, headers);
    }

    /**
     * Reads {@code request}'s body, once: the bytes it was built with, or its stream read in chunks to its end but
     * never past {@code maxBytes + 1} bytes, giving up once {@code clock} has passed {@code deadline} (checked after
     * each chunk, so a sender trickling bytes cannot keep the read going).
     *
     * @return the body, or {@code null} when it is larger than {@code maxBytes}
     * @throws SocketTimeoutException when the deadline passed before the body was complete
     * @throws IOException            when the stream fails or ends abruptly
     */
    public static byte[] readBody(WebhookRequest request, int maxBytes, Clock clock, Instant deadline)
            throws IOException {
        return access().readBody(request, maxBytes, clock, deadline);
    }

    /** The length of {@code request}'s body when it was given as bytes (in memory already), else -1 (a stream). */
    public static int bufferedBodyLength(WebhookRequest request) {
        return access().bufferedBodyLength(request);
    }

    /**
     * Sets the body of a request being built without the copy that {@code Builder.body(byte[])} makes: for an
     * adapter that read the body into an array of its own (the servlet module's non-blocking read), once per
     * delivery. Nobody may modify {@code body} afterwards.
     *
     * @return {@code builder}
     */
    public static WebhookRequest.Builder body(WebhookRequest.Builder builder, byte[] body) {
        return access().body(builder, body);
    }

    /**
     * A new event for the store, as the receiver records a delivery: no attempt yet, no completed handler, no
     * error. {@code body} is kept, not copied (the request's own array, read once): nobody may modify it.
     */
    public static StoredEvent storedEvent(String provider, String key, String name, String endpoint, byte[] body,
                                          Map<String, List<String>> headers, Instant receivedAt, String subject,
                                          Instant occurredAt) {
        return storeAccess().storedEvent(provider, key, name, endpoint, body, headers, receivedAt, subject,
                occurredAt);
    }

    /**
     * {@code event}'s body itself, not the copy {@link StoredEvent#body()} makes: for the engine's parse of a claimed
     * event and the console, which only read it.
     */
    public static byte[] body(StoredEvent event) {
        return storeAccess().body(event);
    }

    /**
     * {@code store}'s record of {@code event} as a future its caller can wait on until a deadline and then cancel,
     * for a store that groups concurrent records into shared transactions (the JDBC store); null for other stores,
     * which are called directly. A record cancelled before it was written is never written; one written anyway
     * hands its answer to {@code late}.
     */
    public static CompletableFuture<Recorded> recordSoon(EventStore store, StoredEvent event, Instant now,
                                                         Consumer<? super Recorded> late) {
        return storeAccess().recordSoon(store, event, now, late);
    }

    /**
     * {@link #recordSoon}, handing the event to this process's workers: a new event whose subject has no other
     * pending event is recorded claimed by {@code owner} until {@code leaseUntil}, and {@code handoff} gets the
     * claimed copy (with its answer) before the caller does; otherwise it hears (null, the answer), or (null, null)
     * when nothing was recorded. Exactly once per call that returns non-null; null when the store has no such record.
     */
    public static CompletableFuture<Recorded> recordHandingOff(EventStore store, StoredEvent event, Instant now,
                                                               Consumer<? super Recorded> late, String owner,
                                                               Instant leaseUntil,
                                                               BiConsumer<StoredEvent, Recorded> handoff) {
        return storeAccess().recordHandingOff(store, event, now, late, owner, leaseUntil, handoff);
    }

    /** True for {@link Authenticator#none()}, the explicit opt-out the receiver warns about. */
    public static boolean isNone(Authenticator authenticator) {
        return authenticator == Authenticator.none();
    }

    private static StoreGrant storeAccess() {
        StoreGrant grant = storeGranted;
        // The receiver builds the first event of a process, before anything has initialised StoredEvent.
        return grant != null ? grant : granted(StoredEvent.class, () -> storeGranted);
    }

    private static Grant access() {
        Grant grant = granted;
        // Answers can be built (the engine's constants) before any receiver exists.
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
