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
 * Build one per request and hand it to {@link WebhookReceiver#receive(WebhookRequest)}.
 *
 * <p>The body is either bytes already read or a stream; a stream is read by the receiver, once, and never past
 * {@link WebhookReceiver#maxBodyBytes()}. Not thread-safe; not reusable.
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

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP method, such as {@code POST}. */
    public String method() {
        return method;
    }

    /** The path within the application (without context path and query), such as {@code /webhooks/zbd}. */
    public String path() {
        return path;
    }

    /** The raw query string without {@code ?}, if any. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /** The first value of a query parameter, URL-decoded. */
    public Optional<String> queryParameter(String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals(name)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All values of a header, matched case-insensitively; empty when absent. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The header names as received. */
    public Set<String> headerNames() {
        return Collections.unmodifiableSet(headers.keySet());
    }

    /** The address of the direct peer (a proxy, when there is one), if the HTTP stack knows it. */
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    /**
     * Reads the body: the bytes given to the builder, or the stream read to its end but never past
     * {@code maxBytes + 1} bytes. Returns {@code null} when the body is larger than {@code maxBytes}.
     * Called once, by the receiver.
     *
     * @throws IOException when the stream fails or ends abruptly (a client that stopped mid-body)
     */
    public byte[] readBody(int maxBytes) throws IOException {
        return readBody(maxBytes, Clock.systemUTC(), Instant.MAX);
    }

    /**
     * As {@link #readBody(int)}, and gives up once {@code clock} has passed {@code deadline}: a stream is read in
     * chunks and the deadline is checked after each one, so a sender that trickles bytes cannot keep the read
     * going for longer (a sender that sends nothing at all is up to the stream's own read timeout).
     *
     * @throws SocketTimeoutException when the deadline passed before the body was complete
     * @throws IOException when the stream fails or ends abruptly
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

    /** Describes the request without headers, query or body, which may carry credentials. */
    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + path + "]";
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

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The path within the application, without the query. */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /** The raw query string, without {@code ?}; {@code null} for none. */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** Adds one header value; repeated names accumulate. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>(1))
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The body as already-read bytes (not copied). */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            this.bodyStream = null;
            return this;
        }

        /** The body as a stream the receiver reads, never past its body limit. The caller closes it. */
        public Builder body(InputStream body) {
            this.bodyStream = Objects.requireNonNull(body, "body");
            this.body = null;
            return this;
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        public WebhookRequest build() {
            if (body == null && bodyStream == null) {
                body = new byte[0];
            }
            return new WebhookRequest(this);
        }
    }
}
