package dev.ramphook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One HTTP request as any HTTP stack sees it: method, path, query, headers, raw body and the peer's address.
 * Build one per request and hand it to {@link dev.ramphook.receiver.WebhookReceiver#receive(WebhookRequest)}.
 *
 * <p>The body is either bytes already read or a stream; a stream is read by the receiver, once, and never past
 * {@link dev.ramphook.receiver.WebhookReceiver#maxBodyBytes()}. Not thread-safe; not reusable.
 */
public final class WebhookRequest {

    private static final int CHUNK = 8192;

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final InputStream bodyStream;
    private final String remoteAddress;

    private WebhookRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method");
        this.path = Objects.requireNonNull(b.path, "path");
        this.query = b.query;
        this.headers = b.headers;
        this.body = b.body;
        this.bodyStream = b.bodyStream;
        this.remoteAddress = b.remoteAddress;
    }

    /**
     * Starts a request; only {@link Builder#path} is required.
     *
     * @return a builder with method {@code POST}, no query, no headers and an empty body
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this request's method, path, query, headers, body and peer address, to derive a changed
     * copy: what {@link dev.ramphook.Authenticator#sign} does to add a signature. A stream body is shared, not
     * copied, so only one of the two requests may be read.
     *
     * @return a new builder; changing it does not change this request
     */
    public Builder toBuilder() {
        Builder copy = new Builder().method(method).path(path).query(query).remoteAddress(remoteAddress);
        headers.forEach((name, values) -> values.forEach(value -> copy.header(name, value)));
        if (body != null) {
            copy.body(body); // this request's own array, never modified: both requests may share it
        } else {
            copy.body(bodyStream);
        }
        return copy;
    }

    /** {@return the HTTP method, such as {@code POST}} */
    public String method() {
        return method;
    }

    /**
     * {@return the raw path within the application (without context path and query, percent-encoding kept), such
     * as {@code /webhooks/zbd}}
     */
    public String path() {
        return path;
    }

    /** {@return the raw query string without {@code ?}; empty when the request has none} */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /**
     * The first value of a query parameter, URL-decoded (a malformed escape is kept as sent).
     *
     * @param name the parameter name, decoded, matched exactly
     * @return its first value (empty text for {@code ?name} without {@code =}); empty when absent
     */
    public Optional<String> queryParameter(String name) {
        if (query == null) {
            return Optional.empty();
        }
        // Pair by pair in place: a plain name (no %, no +) is compared without a copy, and only the value found is cut.
        for (int start = 0; start <= query.length(); ) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            int eq = query.indexOf('=', start);
            int keyEnd = eq < 0 || eq > end ? end : eq;
            if (matches(query, start, keyEnd, name)) {
                return Optional.of(keyEnd == end ? "" : decode(query.substring(keyEnd + 1, end)));
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** Whether the query's {@code [from, to)}, URL-decoded, is {@code name}. */
    private static boolean matches(String query, int from, int to, String name) {
        for (int i = from; i < to; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                return decode(query.substring(from, to)).equals(name);
            }
        }
        return to - from == name.length() && query.regionMatches(from, name, 0, name.length());
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s; // nothing to decode: no copy
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    /**
     * The first value of a header, matched case-insensitively.
     *
     * @param name the header name, in any case
     * @return its first value as given to the builder; empty when absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * All values of a header, matched case-insensitively.
     *
     * @param name the header name, in any case
     * @return its values in the order added; empty when absent
     */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** {@return the header names as received, unmodifiable} */
    public Set<String> headerNames() {
        return Collections.unmodifiableSet(headers.keySet());
    }

    /**
     * {@return the address of the direct peer (a proxy, when there is one); empty when the HTTP stack does not
     * know it} {@link dev.ramphook.auth.IpAllowlist} refuses a delivery without one.
     */
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    /**
     * Reads the body, once: what the receiver does, and what an adapter or a test may do instead. The bytes given
     * to the builder, or the stream read in chunks to its end but never past {@code maxBytes + 1} bytes, giving up
     * once {@code clock} has passed {@code deadline} (checked after each chunk, so a sender that trickles bytes
     * cannot keep the read going; one that sends nothing at all is up to the stream's own read timeout).
     *
     * @param maxBytes the largest body accepted, in bytes, at least 0
     * @param clock    the clock the deadline is read from (the receiver's)
     * @param deadline when to give up reading a stream; {@link Instant#MAX} for never
     * @return the body bytes, not copied (do not modify them); {@code null} when the body is larger than
     *         {@code maxBytes}
     * @throws SocketTimeoutException when the deadline passed before the body was complete
     * @throws IOException            when the stream fails or ends abruptly (a client that stopped mid-body)
     */
    public byte[] readBody(int maxBytes, Clock clock, Instant deadline) throws IOException {
        if (body != null) {
            return body.length > maxBytes ? null : body;
        }
        // Never buffers more than the limit plus one byte; grows with what actually arrives, not what is declared.
        ByteArrayOutputStream read = new ByteArrayOutputStream(Math.min(maxBytes + 1, CHUNK));
        byte[] chunk = new byte[Math.min(maxBytes + 1, CHUNK)];
        while (read.size() <= maxBytes) {
            int n = bodyStream.read(chunk, 0, Math.min(chunk.length, maxBytes + 1 - read.size()));
            if (n < 0) {
                return read.toByteArray();
            }
            read.write(chunk, 0, n);
            if (read.size() <= maxBytes && clock.instant().isAfter(deadline)) {
                throw new SocketTimeoutException("body not complete by the deadline");
            }
        }
        return null;
    }

    /**
     * {@return the body's length when it was given as bytes (already in memory), else -1 (a stream not yet read):
     * what the receiver reserves from its bound on bodies in flight before it reads a body}
     */
    public int bufferedBodyLength() {
        return body != null ? body.length : -1;
    }

    /**
     * Describes the request without headers, query or body, which may carry credentials, and with every path segment
     * after the second shown as {@code ***}: a URL token may be one ({@code UrlToken.pathSegment}), and a request
     * does not know its endpoint. {@code POST /webhooks/zbd/<token>} reads
     * {@code WebhookRequest[POST /webhooks/zbd/***]}.
     */
    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + maskedPath(path) + "]";
    }

    /** The first two segments of {@code path} as they are, every later one as {@code ***}. */
    static String maskedPath(String path) {
        StringBuilder shown = new StringBuilder(path.length());
        int segments = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                segments++;
                shown.append(c);
                if (segments > 2 && i + 1 < path.length() && path.charAt(i + 1) != '/') {
                    shown.append("***");
                }
            } else if (segments <= 2) {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    /** Builds a {@link WebhookRequest}. */
    public static final class Builder {
        private String method = "POST";
        private String path;
        private String query;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body;
        private InputStream bodyStream;
        private String remoteAddress;

        private Builder() {
        }

        /**
         * The HTTP method; default {@code POST}. The receiver answers 405 to any other.
         *
         * @param method the method as received
         * @return this builder
         * @throws NullPointerException when {@code method} is null
         */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * The path within the application: the raw path of the request line, percent-encoding kept, without the
         * context path and the query. Endpoints match it exactly. Required.
         *
         * @param path such as {@code /webhooks/zbd}
         * @return this builder
         * @throws NullPointerException when {@code path} is null
         */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * The raw query string, as received (not decoded).
         *
         * @param query the query without {@code ?}; {@code null} for none
         * @return this builder
         */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /**
         * Adds one header value; repeated names accumulate (call it once per value your stack reports).
         *
         * @param name  the header name, in any case
         * @param value one value
         * @return this builder
         * @throws NullPointerException when {@code name} or {@code value} is null
         */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>(1))
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The body as already-read bytes, <b>kept, not copied</b> (as OkHttp's {@code RequestBody.create(byte[])}):
         * the request and the receiver read this very array, so do not modify it afterwards. Replaces a stream given
         * before. An adapter that has the body as a stream passes the stream instead ({@link #body(InputStream)}),
         * which the receiver reads once, within its limits.
         *
         * @param body the raw bytes exactly as received; handed over
         * @return this builder
         * @throws NullPointerException when {@code body} is null
         */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            this.bodyStream = null;
            return this;
        }

        /**
         * The body as a stream the receiver reads, never past its body limit and only after the checks that need
         * no body have passed. The caller closes it. Replaces bytes given before.
         *
         * @param body the raw request body
         * @return this builder
         * @throws NullPointerException when {@code body} is null
         */
        public Builder body(InputStream body) {
            this.bodyStream = Objects.requireNonNull(body, "body");
            this.body = null;
            return this;
        }

        /**
         * The address of the direct peer, as the HTTP stack reports it (an IP literal).
         *
         * @param remoteAddress such as {@code 203.0.113.7}; {@code null} when unknown
         * @return this builder
         */
        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        /**
         * The request; without a body it has an empty one.
         *
         * @return a new request, to hand to the receiver once
         * @throws NullPointerException when no path was set
         */
        public WebhookRequest build() {
            if (body == null && bodyStream == null) {
                body = new byte[0];
            }
            return new WebhookRequest(this);
        }
    }
}
