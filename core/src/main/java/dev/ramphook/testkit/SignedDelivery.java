package dev.ramphook.testkit;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A delivery signed as a genuine sender signs it: for a unit test ({@link #request()}, handed to
 * {@code WebhookReceiver.receive}) or over real HTTP ({@link #post}) against a running receiver, without a tunnel
 * and without the provider. Any {@link Authenticator} that can {@linkplain Authenticator#sign sign} will do: a
 * provider's default ({@link Sample#signed}), an explicit scheme, or several combined with
 * {@link Authenticator#allOf}. Schemes verified with a public key (Ramp Network, Standard Webhooks {@code v1a}) are
 * signed by a {@link TestKeyPair}'s {@link TestKeyPair#signer() signer}, whose public key the receiver trusts.
 *
 * <pre>{@code
 * SignedDelivery delivery = SignedDelivery.of("/webhooks/mecash", body, MeCash.signature(secret));
 * receiver.receive(delivery.request());                                   // in a unit test
 * delivery.post(URI.create("http://localhost:8080"));                     // or to a running server
 * delivery.headers();   // {Content-Type=[application/json], X-Signature=[<hex>]}: as generateTestHeaderString does
 * }</pre>
 *
 * <p>Time-stamped schemes are signed at the authenticator's clock's now, so a test with a fixed clock gets a
 * delivery that its receiver accepts. Immutable and thread-safe.
 */
public final class SignedDelivery {

    /** Headers {@link HttpClient} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String remoteAddress;

    private SignedDelivery(WebhookRequest signed, byte[] body) {
        this.path = signed.path();
        this.query = signed.query().orElse(null);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (String name : signed.headerNames()) {
            copy.put(name, List.copyOf(signed.headers(name)));
        }
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
        this.remoteAddress = signed.remoteAddress().orElse(null);
    }

    /**
     * A JSON POST of {@code body} to {@code path}, signed by {@code authenticator}.
     *
     * @param path          the endpoint path, such as {@code /webhooks/mecash} (without a context path)
     * @param body          the raw body, sent byte for byte
     * @param authenticator the scheme to sign with, holding the secret; the first of several secrets signs
     * @return the signed delivery
     * @throws UnsupportedOperationException when {@code authenticator} cannot sign (asymmetric schemes verify
     *                                       with a public key: sign with a {@link TestKeyPair#signer()})
     */
    public static SignedDelivery of(String path, byte[] body, Authenticator authenticator) {
        Objects.requireNonNull(authenticator, "authenticator");
        WebhookRequest unsigned = WebhookRequest.builder().method("POST").path(path)
                .header("Content-Type", "application/json").body(body).remoteAddress("127.0.0.1").build();
        WebhookRequest signed = Objects.requireNonNull(authenticator.sign(unsigned, body), "sign returned null");
        return new SignedDelivery(signed, bodyOf(signed, body));
    }

    /** The body the signer gave the request (a scheme that signs inside the body), else {@code body}. */
    private static byte[] bodyOf(WebhookRequest signed, byte[] body) {
        try {
            byte[] own = signed.readBody(Integer.MAX_VALUE - 8, Clock.systemUTC(), Instant.MAX);
            return own == null ? body : own;
        } catch (IOException e) {
            throw new UncheckedIOException("the signed request's body cannot be read", e);
        }
    }

    /**
     * A JSON POST of {@code json} (as UTF-8) to {@code path}, signed by {@code authenticator}.
     *
     * @param path          the endpoint path
     * @param json          the body
     * @param authenticator the scheme to sign with
     * @return the signed delivery
     * @throws UnsupportedOperationException when {@code authenticator} cannot sign
     */
    public static SignedDelivery of(String path, String json, Authenticator authenticator) {
        return of(path, json.getBytes(StandardCharsets.UTF_8), authenticator);
    }

    /**
     * A fresh request for {@code WebhookReceiver.receive}, from {@code 127.0.0.1} unless the authenticator chose
     * an allowed address.
     *
     * @return a new request each call (requests are not reusable)
     */
    public WebhookRequest request() {
        WebhookRequest.Builder builder = WebhookRequest.builder().method("POST").path(path).query(query)
                .body(body).remoteAddress(remoteAddress); // the builder copies
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    /**
     * The path, with a token segment when the scheme put one there.
     *
     * @return such as {@code /webhooks/mecash}
     */
    public String path() {
        return path;
    }

    /**
     * The raw query string, when the scheme put a token there.
     *
     * @return such as {@code token=…}, without {@code ?}
     */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /**
     * The headers to send: {@code Content-Type} and the scheme's signature headers.
     *
     * @return header name to values, unmodifiable
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return a fresh copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * This delivery as a request of the JDK's HTTP client, to {@code origin} followed by the path and query.
     *
     * @param origin where the receiver runs, such as {@code http://localhost:8080} (with a context path, when it
     *               has one: {@code http://localhost:8080/shop})
     * @return the request, with a 10-second timeout
     */
    public HttpRequest httpRequest(URI origin) {
        String base = origin.toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    /**
     * Sends this delivery over HTTP and returns the receiver's answer.
     *
     * @param origin where the receiver runs, such as {@code http://localhost:8080}
     * @return the status and body of the answer
     * @throws IOException          when the connection fails or times out
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public HttpResponse<String> post(URI origin) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(httpRequest(origin), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Names the path and header names; never a signature or token. */
    @Override
    public String toString() {
        return "SignedDelivery[POST " + path + ", headers " + new ArrayList<>(headers.keySet()) + "]";
    }
}
