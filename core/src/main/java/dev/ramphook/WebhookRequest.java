package dev.ramphook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    /**
     * The headers in the order added, in two arrays rather than a case-insensitive map of lists: a delivery's dozen
     * headers cost two arrays instead of a tree node and a list each, and a look-up is a scan of int hashes. Header
     * {@code i} is named {@code text[2i]} with value {@code text[2i + 1]}; {@code index[2i]} is its name's
     * {@link #fold}, {@code index[2i + 1]} the number of the first header whose name equals it ignoring case.
     */
    private final String[] text;
    private final int[] index;
    private final int count;
    private final byte[] body;
    private final InputStream bodyStream;
    private final String remoteAddress;

    private WebhookRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method");
        this.path = Objects.requireNonNull(b.path, "path");
        this.query = b.query;
        this.text = b.text;
        this.index = b.index;
        this.count = b.count;
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

    /** This request's head with another body: the head's fields and header arrays are shared (never modified). */
    private WebhookRequest(WebhookRequest head, byte[] body) {
        this.method = head.method;
        this.path = head.path;
        this.query = head.query;
        this.text = head.text;
        this.index = head.index;
        this.count = head.count;
        this.body = body;
        this.bodyStream = null;
        this.remoteAddress = head.remoteAddress;
    }

    /**
     * This request with {@code body} as its body: the same method, path, query, headers and peer address, shared
     * with this request rather than copied (both are immutable). What an adapter that screened a request's head
     * and then read the body itself hands on ({@code WebhookReceiver.receiveScreened} does it for the adapter).
     *
     * @param body the complete body, kept as it is: the caller must not change the array afterwards
     * @return a new request; this one is unchanged
     * @throws NullPointerException when {@code body} is null
     */
    public WebhookRequest withBody(byte[] body) {
        return new WebhookRequest(this, Objects.requireNonNull(body, "body"));
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
        for (int i = 0; i < count; i++) {
            copy.header(text[2 * i], text[2 * i + 1]);
        }
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
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(text[2 * i + 1]);
    }

    /**
     * All values of a header, matched case-insensitively.
     *
     * @param name the header name, in any case
     * @return its values in the order added, unmodifiable; empty when absent
     */
    public List<String> headers(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return List.of();
        }
        int n = 1;
        for (int j = i + 1; j < count; j++) {
            if (index[2 * j + 1] == i) {
                n++;
            }
        }
        if (n == 1) {
            return List.of(text[2 * i + 1]);
        }
        String[] all = new String[n];
        all[0] = text[2 * i + 1];
        for (int j = i + 1, k = 1; k < n; j++) {
            if (index[2 * j + 1] == i) {
                all[k++] = text[2 * j + 1];
            }
        }
        return List.of(all);
    }

    /**
     * {@return the header names as received (one spelling per name ignoring case: the first), in the order first
     * added, unmodifiable; {@code contains} ignores case}
     */
    public Set<String> headerNames() {
        return new Names();
    }

    /**
     * The index of the first header named {@code name} ignoring case, or -1. A name given to the builder as the very
     * {@code String} looked up (a literal on both sides, as the receiver's own look-ups and most adapters write them:
     * one interned instance in the whole JVM) is found by identity, without folding the name: its entry knows the
     * first header of its name.
     */
    private int indexOf(String name) {
        for (int i = 0; i < count; i++) {
            if (text[2 * i] == name) { // identity, on purpose: any other instance is folded and compared below
                return index[2 * i + 1];
            }
        }
        int fold = fold(name);
        for (int i = 0; i < count; i++) {
            if (index[2 * i] == fold && index[2 * i + 1] == i && sameName(text[2 * i], name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Header names that every delivery sends or the receiver looks up, as literals: a literal is one interned
     * {@code String} in the whole JVM, so the receiver's own look-ups (and an adapter or container that names headers
     * with constants) find their fold here by identity instead of folding the name again, per call.
     */
    private static final String[] COMMON_NAMES = {"Content-Type", "Content-Length", "Content-Encoding", "Host",
        "User-Agent", "Accept", "Accept-Encoding", "Connection", "Transfer-Encoding", "Expect", "X-Forwarded-For"};
    private static final int[] COMMON_FOLDS = new int[COMMON_NAMES.length];

    static {
        for (int i = 0; i < COMMON_NAMES.length; i++) {
            COMMON_FOLDS[i] = foldChars(COMMON_NAMES[i]);
        }
    }

    /**
     * A hash of {@code name} that names equal ignoring case share: each character as {@link String#equalsIgnoreCase}
     * compares it (lower case of upper case), ASCII without the look-up.
     */
    static int fold(String name) {
        for (int i = 0; i < COMMON_NAMES.length; i++) {
            if (COMMON_NAMES[i] == name) { // identity, on purpose: another instance is folded below, to the same
                return COMMON_FOLDS[i];
            }
        }
        return foldChars(name);
    }

    /** Header names equal ignoring case; the same spelling (the usual case) without comparing case by case. */
    private static boolean sameName(String a, String b) {
        return a.equals(b) || a.equalsIgnoreCase(b);
    }

    private static int foldChars(String name) {
        int h = name.length();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 128) {
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
            } else {
                c = Character.toLowerCase(Character.toUpperCase(c));
            }
            h = 31 * h + c;
        }
        return h;
    }

    /** The distinct header names, a view over the arrays: nothing copied for a walk over them. */
    private final class Names extends AbstractSet<String> {
        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private int next = advance(0);

                private int advance(int from) {
                    while (from < count && index[2 * from + 1] != from) {
                        from++;
                    }
                    return from;
                }

                @Override
                public boolean hasNext() {
                    return next < count;
                }

                @Override
                public String next() {
                    if (next >= count) {
                        throw new NoSuchElementException();
                    }
                    String name = text[2 * next];
                    next = advance(next + 1);
                    return name;
                }
            };
        }

        @Override
        public int size() {
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (index[2 * i + 1] == i) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof String name && indexOf(name) >= 0;
        }
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
        private String[] text = new String[16];
        private int[] index = new int[16];
        private int count;
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
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (2 * count == text.length) {
                text = Arrays.copyOf(text, 4 * count);
                index = Arrays.copyOf(index, 4 * count);
            }
            int fold = fold(name);
            int same = count;
            for (int i = 0; i < count; i++) {
                if (index[2 * i] == fold && index[2 * i + 1] == i && sameName(text[2 * i], name)) {
                    same = i;
                    break;
                }
            }
            text[2 * count] = name;
            text[2 * count + 1] = value;
            index[2 * count] = fold;
            index[2 * count + 1] = same;
            count++;
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
