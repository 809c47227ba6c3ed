package dev.ramphook.auth;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.crypto.ConstantTime;
import dev.ramphook.internal.crypto.HmacKey;
import dev.ramphook.internal.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme (also Svix's): headers
 * {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, a space-separated
 * list of {@code v1,<base64 HMAC-SHA256>} over {@code id + "." + timestamp + "." + body}. Svix-branded senders
 * name the same three headers {@code svix-id}, {@code svix-timestamp} and {@code svix-signature}: both spellings
 * are accepted (the {@code webhook-*} set when its id header is present, else the {@code svix-*} set; the three
 * are never mixed across sets), as Svix's own verifiers do.
 *
 * <p>Asymmetric signatures ({@link #ofPublicKeys}): {@code v1a,<base64 Ed25519 signature>} over the same text,
 * verified with the sender's public keys ({@code whpk_<base64>}, the specification's serialisation). An
 * authenticator checks one kind: {@link #of} only {@code v1} entries, {@link #ofPublicKeys} only {@code v1a}.
 *
 * <p>On success the {@code webhook-id} is returned as the event id, so it becomes the deduplication key (unless
 * the provider has an explicit {@link dev.ramphook.Provider#withDedupKey} rule, which wins): a redelivery (same
 * id, fresh timestamp and signature) is recognised. The timestamp must lie within the
 * tolerance (default 5 minutes) of now, in the past or the future. Any {@code v1} entry may match (rotation on
 * the sender's side); several secrets may be given (rotation on ours); other versions such as {@code v1a} are
 * ignored.
 *
 * <pre>{@code
 * StandardWebhooks.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
 * StandardWebhooks.of(newSecret, oldSecret).tolerance(Duration.ofMinutes(2))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StandardWebhooks implements Authenticator {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    private static final String SVIX_ID = "svix-id";
    private static final String SVIX_TIMESTAMP = "svix-timestamp";
    private static final String SVIX_SIGNATURE = "svix-signature";
    /** Longer ids are refused: the id becomes a stored key. */
    static final int MAX_ID_LENGTH = 255;
    private static final String SECRET_PREFIX = "whsec_";

    private final List<HmacKey> keys;
    private final Ed25519Keys publicKeys; // null: symmetric (v1)
    private final TimeWindow window;

    private StandardWebhooks(List<HmacKey> keys, Ed25519Keys publicKeys, TimeWindow window) {
        this.keys = keys;
        this.publicKeys = publicKeys;
        this.window = window;
    }

    /**
     * Secrets as the sender shows them: {@code whsec_} followed by base64, or the base64 part alone.
     *
     * @param secrets one or more secrets (several during a rotation: any one may have signed)
     * @return the authenticator with a 5-minute tolerance and the UTC system clock; immutable and thread-safe
     * @throws IllegalArgumentException when a secret is not base64 (the message does not repeat the secret)
     */
    public static StandardWebhooks of(String... secrets) {
        if (secrets == null || secrets.length == 0) {
            throw new IllegalArgumentException("StandardWebhooks needs at least one secret");
        }
        List<byte[]> raw = new ArrayList<>(secrets.length);
        for (String secret : secrets) {
            raw.add(decodeSecret(secret));
        }
        return fromRawKeys(raw.toArray(byte[][]::new));
    }

    /**
     * Secrets as raw key bytes (already decoded), for keys that come from a key store rather than as text.
     *
     * @param keys one or more keys; copied, so the caller may clear its arrays
     * @return the authenticator with a 5-minute tolerance and the UTC system clock
     * @throws IllegalArgumentException when no key is given, or one is null or empty
     */
    public static StandardWebhooks fromRawKeys(byte[]... keys) {
        if (keys == null || keys.length == 0) {
            throw new IllegalArgumentException("StandardWebhooks needs at least one secret");
        }
        List<byte[]> copies = new ArrayList<>(keys.length);
        for (byte[] key : keys) {
            if (key == null || key.length == 0) {
                throw new IllegalArgumentException("StandardWebhooks: a secret must not be null or empty");
            }
            copies.add(key.clone());
        }
        return new StandardWebhooks(HmacAlgorithm.SHA256.keys(copies), null,
                TimeWindow.fiveMinutes());
    }

    /**
     * Asymmetric Standard Webhooks: {@code v1a} Ed25519 signatures, verified with the sender's public keys as it
     * shows them, {@code whpk_} followed by the base64 of the 32-byte key (the base64 part alone, or an X.509
     * {@code SubjectPublicKeyInfo} in base64, is accepted too). Several keys: any one may have signed.
     *
     * @param publicKeys the sender's public keys
     * @return a new authenticator
     * @throws IllegalArgumentException when a key is not an Ed25519 public key (the message does not repeat it)
     */
    public static StandardWebhooks ofPublicKeys(String... publicKeys) {
        return new StandardWebhooks(List.of(), Ed25519Keys.parse(publicKeys),
                TimeWindow.fiveMinutes());
    }

    private static byte[] decodeSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("StandardWebhooks: a secret must not be null or empty");
        }
        String base64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key = SignatureEncoding.BASE64.decode(base64);
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("StandardWebhooks: a secret is not whsec_<base64> or base64");
        }
        return key;
    }

    /**
     * How far {@code webhook-timestamp} may be from now, either way; default 5 minutes. A replay inside the window
     * is caught by deduplication on the {@code webhook-id}.
     *
     * @param tolerance positive; the scheme always checks the timestamp, so zero is refused, not taken as "off"
     * @return a copy of this check with the tolerance
     * @throws IllegalArgumentException when it is zero or negative
     * @throws NullPointerException     when it is null
     */
    public StandardWebhooks tolerance(Duration tolerance) {
        return new StandardWebhooks(keys, publicKeys, window.withTolerance("StandardWebhooks", tolerance, null));
    }

    /**
     * The clock that says what now is, for this authenticator alone. An explicit clock wins: a receiver built with this authenticator does not replace it with its own
     * ({@link Authenticator#withDefaultClock}). Without one, the receiver's {@code WebhookReceiver.Builder.clock}
     * is used, and on its own (calling {@code verify} directly) the UTC system clock.
     *
     * @param clock the clock to check timestamps against (and to sign with)
     * @return a copy of this check with the clock
     * @throws NullPointerException when {@code clock} is null
     */
    public StandardWebhooks clock(Clock clock) {
        return new StandardWebhooks(keys, publicKeys, window.withClock(clock));
    }

    /** A copy on the receiver's clock, unless {@link #clock} was set. */
    @Override
    public StandardWebhooks withDefaultClock(Clock clock) {
        return new StandardWebhooks(keys, publicKeys, window.withDefaultClock(clock));
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        boolean svix = request.header(ID).isEmpty() && request.header(SVIX_ID).isPresent();
        String idHeader = svix ? SVIX_ID : ID;
        String timestampHeader = svix ? SVIX_TIMESTAMP : TIMESTAMP;
        String signatureHeader = svix ? SVIX_SIGNATURE : SIGNATURE;
        Optional<String> id = present(request, idHeader);
        Optional<String> timestamp = present(request, timestampHeader);
        List<String> entries = SignatureList.splitOnSpaces(request.headers(signatureHeader),
                HmacSignature.MAX_SIGNATURES);
        if (id.isEmpty() || timestamp.isEmpty() || entries.isEmpty()) {
            return Verification.unauthorized("missing signature header "
                    + (id.isEmpty() ? idHeader : timestamp.isEmpty() ? timestampHeader : signatureHeader));
        }
        if (id.get().length() > MAX_ID_LENGTH) {
            return Verification.unauthorized(idHeader + " longer than " + MAX_ID_LENGTH + " characters");
        }
        long seconds = TimeWindow.parseSeconds(timestamp.get());
        if (seconds < 0) {
            return Verification.unauthorized("malformed " + timestampHeader);
        }
        if (!window.accepts(seconds)) {
            return Verification.unauthorized("timestamp outside tolerance");
        }
        byte[] signed = (id.get() + "." + timestamp.get() + ".").getBytes(StandardCharsets.UTF_8);
        String version = publicKeys == null ? "v1" : "v1a";
        boolean match = publicKeys == null ? matches(entries, signed, body)
                : publicKeys.anyVerifies(signatures(entries, "v1a,"), signed, body);
        return match
                ? Verification.ok(id.get())
                : Verification.unauthorized(has(entries, version + ",") ? "no matching signature"
                        : "no " + version + " signature in " + signatureHeader);
    }

    /** The decoded signatures of the entries labelled {@code label} ({@code "v1,"}); malformed ones are skipped. */
    private static List<byte[]> signatures(List<String> entries, String label) {
        List<byte[]> given = new ArrayList<>(entries.size());
        for (String entry : entries) {
            if (entry.startsWith(label)) {
                byte[] signature = decodeBase64Standard(entry.substring(label.length()));
                if (signature != null) {
                    given.add(signature);
                }
            }
        }
        return given;
    }

    private boolean matches(List<String> entries, byte[] signedPrefix, byte[] body) {
        return ConstantTime.anyMatch(keys, key -> key.mac(signedPrefix, body), signatures(entries, "v1,"));
    }

    private static byte[] decodeBase64Standard(String text) {
        try {
            return text.isEmpty() ? null : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static boolean has(List<String> entries, String label) {
        return entries.stream().anyMatch(e -> e.startsWith(label));
    }

    private static Optional<String> present(WebhookRequest request, String header) {
        return request.header(header).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * Adds {@code webhook-timestamp} (the clock's now), {@code webhook-signature: v1,<base64>} made with the first
     * secret, and {@code webhook-id} unless the request has one: {@code msg_} and a hash of the body, so that the
     * same body signed twice is the same message (a redelivery).
     */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        if (publicKeys != null) {
            throw new UnsupportedOperationException(this + " verifies v1a with public keys: signing needs the"
                    + " sender's private key; in tests use dev.ramphook.testkit.TestKeyPair.standardWebhooks()");
        }
        String id = present(request, ID).orElseGet(() -> "msg_" + Sha256.hex(body).substring(0, 32));
        String timestamp = Long.toString(window.clock().instant().getEpochSecond());
        byte[] mac = keys.get(0).mac((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        WebhookRequest.Builder signed = request.toBuilder();
        if (present(request, ID).isEmpty()) {
            signed.header(ID, id);
        }
        return signed.header(TIMESTAMP, timestamp).header(SIGNATURE, "v1," + Base64.getEncoder().encodeToString(mac))
                .build();
    }

    /** Names the scheme; never a secret. */
    @Override
    public String toString() {
        return "StandardWebhooks[tolerance=" + window.describe()
                + (publicKeys == null ? ", secrets=" + keys.size() : ", v1a, publicKeys=" + publicKeys.size()) + "]";
    }
}
