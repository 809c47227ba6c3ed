package dev.ramphook;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to one delivery: a status and a small JSON body {@code {"status":…,"error":…}}, never a stack
 * trace. Adapters copy the status, headers and body to their HTTP response as they are.
 */
public final class WebhookResponse {

    private final int status;
    private final byte[] body;
    private final Map<String, String> headers;

    private WebhookResponse(int status, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** For the receiver's engine and for tests; {@code json} is the complete body. */
    public static WebhookResponse of(int status, String json, Map<String, String> headers) {
        return new WebhookResponse(status, json.getBytes(StandardCharsets.UTF_8), Map.copyOf(headers));
    }

    /**
     * {@return the HTTP status: 200 recorded, 4xx rejected, 500 handler failed (inline) or dead letter, 503 not
     * recorded}
     */
    public int status() {
        return status;
    }

    /** {@return the content type of the body: always {@code application/json}} */
    public String contentType() {
        return "application/json";
    }

    /** Extra headers such as {@code Allow} on a 405 or {@code Retry-After} on a 503. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body bytes. Do not modify. */
    public byte[] body() {
        return body;
    }

    /** {@return the JSON body as text, such as <code>{"status":"accepted"}</code>} */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebhookResponse[" + status + " " + bodyText() + "]";
    }
}
