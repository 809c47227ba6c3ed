package dev.ramphook.internal.engine;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the engine (this package and {@code internal.console}), the metrics binder, the test kit and the servlet
 * module need of the API types beyond their public API: a receiver's engine, building answers, reading a request's
 * body, setting one without a copy, spotting {@link Authenticator#none()}. The receiver and request methods
 * are package-private in {@code dev.ramphook}, and {@link WebhookReceiver}'s static initialiser hands them over. Having a receiver means the first has happened. Users cannot construct a {@link WebhookResponse} or read a request's body: only
 * the receiver does. What users call copies the bytes it takes or gives; these methods do not, so that a delivery
 * is not copied on its way through the engine: whoever receives an array from them must not modify it.
 */
public final class ApiAccess {

    private static final String JSON = "application/json";

    private static volatile Grant granted;

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


    /** True for {@link Authenticator#none()}, the explicit opt-out the receiver warns about. */
    public static boolean isNone(Authenticator authenticator) {
        return authenticator == Authenticator.none();
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
