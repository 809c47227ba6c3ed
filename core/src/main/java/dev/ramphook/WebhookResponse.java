package dev.ramphook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one delivery: a status and a small JSON body {@code {"status":…,"error":…}}, never a stack
 * trace; or, for the console ({@link dev.ramphook.receiver.ConsoleSettings}), a page or JSON document. Adapters copy
 * the status, headers, {@link #contentType()} and body ({@link #bodyLength()} bytes, written with {@link #writeTo})
 * to their HTTP response as they are.
 *
 * <p>Immutable and thread-safe: the common answers are shared constants, so nothing handed out can change them
 * ({@link #body()} is a copy).
 */
public final class WebhookResponse {

    private static final String JSON = "application/json";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    private WebhookResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    /**
     * An answer of any content type: what the receiver's console sends, or what an adapter's own code answers
     * beside the receiver (a health page, a test double of a receiver).
     *
     * @param status      the HTTP status, from 100 to 599
     * @param contentType the {@code Content-Type}, such as {@code text/html; charset=utf-8}
     * @param body        the complete body; copied, so changing the array afterwards does not change the answer
     * @param headers     extra headers, without {@code Content-Type}; copied
     * @return the answer
     * @throws IllegalArgumentException when {@code status} is outside 100 to 599
     * @throws NullPointerException     when {@code contentType}, {@code body} or {@code headers} is null
     */
    public static WebhookResponse of(int status, String contentType, byte[] body, Map<String, String> headers) {
        return new WebhookResponse(status(status), Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(body, "body").clone(), Map.copyOf(headers));
    }

    /**
     * A JSON answer, such as the receiver's own <code>{"status":"accepted"}</code>. The text is encoded once, in
     * UTF-8; build constant answers once and share them (the answer is immutable), as the receiver does.
     *
     * @param status  the HTTP status, from 100 to 599
     * @param json    the complete JSON body
     * @param headers extra headers, without {@code Content-Type}, such as {@code Retry-After}; copied
     * @return an {@code application/json} answer
     * @throws IllegalArgumentException when {@code status} is outside 100 to 599
     * @throws NullPointerException     when {@code json} or {@code headers} is null
     */
    public static WebhookResponse json(int status, String json, Map<String, String> headers) {
        return new WebhookResponse(status(status), JSON, json.getBytes(StandardCharsets.UTF_8), Map.copyOf(headers));
    }

    private static int status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be from 100 to 599, got " + status);
        }
        return status;
    }

    /**
     * {@return the HTTP status: 200 recorded, 4xx rejected, 500 handler failed (inline) or dead letter, 503 not
     * recorded}
     */
    public int status() {
        return status;
    }

    /**
     * {@return the content type of the body: {@code application/json} for every webhook answer, {@code text/html}
     * for the console's pages}
     */
    public String contentType() {
        return contentType;
    }

    /**
     * {@return the extra headers to send besides {@code Content-Type}, such as {@code Allow} on a 405 or
     * {@code Retry-After} on a 503; unmodifiable, empty for most answers}
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The body bytes: the JSON answer, or a console page. A copy, so changing it changes no later answer; an
     * adapter writes the body with {@link #writeTo} instead, which copies nothing.
     *
     * @return a new array with the body
     */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the length of the body in bytes, for {@code Content-Length}; {@code 0} for an empty body} */
    public int bodyLength() {
        return body.length;
    }

    /**
     * Writes the body to {@code out}, without copying it: what an adapter does after setting the status, headers,
     * content type and {@code Content-Length} ({@link #bodyLength()}). {@code out} is handed this answer's own
     * bytes, as an {@link OutputStream} is, to read them; every JDK and container stream only reads them. Neither
     * flushes nor closes {@code out}. Safe to call from several threads, each with its own stream.
     *
     * @param out the HTTP response's body stream
     * @throws IOException          when {@code out} fails (a client that went away)
     * @throws NullPointerException when {@code out} is null
     */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (body.length > 0) {
            out.write(body);
        }
    }

    /** {@return the JSON body as text, such as <code>{"status":"accepted"}</code>} */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebhookResponse[" + status + " " + (contentType.equals(JSON) && body.length <= 1024 ? bodyText()
                : contentType + ", " + body.length + " bytes") + "]";
    }
}
