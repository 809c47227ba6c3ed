package dev.ramphook.internal;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.auth.Authenticator;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine (this package and {@code internal.console}), the test kit and the servlet module need of the API
 * types beyond their public API: building answers, reading a request's body, spotting {@link Authenticator#none()}.
 * The first two are package-private in {@code dev.ramphook}, and {@link WebhookReceiver}'s static initialiser hands
 * them over, as it does the engine access of {@link ReceiverEngines}. Users cannot construct a
 * {@link WebhookResponse} or read a request's body: only the receiver does.
 */
public final class ApiAccess {

    private static final String JSON = "application/json";

    private static volatile Grant granted;

    private ApiAccess() {
    }

    /** The package-private side of {@code dev.ramphook}'s types; implemented there, granted once. */
    public interface Grant {

        /** A new answer; {@code body} is kept, not copied, and must not be modified afterwards. */
        WebhookResponse response(int status, String contentType, byte[] body, Map<String, String> headers);

        /** {@code request}'s body: see {@link ApiAccess#readBody}. */
        byte[] readBody(WebhookRequest request, int maxBytes, Clock clock, Instant deadline) throws IOException;
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

    /** True for {@link Authenticator#none()}, the explicit opt-out the receiver warns about. */
    public static boolean isNone(Authenticator authenticator) {
        return authenticator == Authenticator.none();
    }

    private static Grant access() {
        Grant grant = granted;
        if (grant == null) {
            // Answers can be built (the engine's constants) before any receiver exists: initialise the granter.
            try {
                Class.forName(WebhookReceiver.class.getName(), true, WebhookReceiver.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            grant = granted;
            if (grant == null) {
                throw new IllegalStateException("API access not granted: WebhookReceiver did not initialise");
            }
        }
        return grant;
    }
}
