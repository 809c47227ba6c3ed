package dev.ramphook.rampnetwork;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.internal.crypto.Secp256k1;
import dev.ramphook.internal.json.StableJson;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Ramp Network's webhook signature: {@code X-Body-Signature} holds the base64 DER ECDSA signature (curve
 * secp256k1, digest SHA-256) of the body serialised as stable JSON (keys sorted, no whitespace: the
 * {@code fast-json-stable-stringify} module Ramp names), made with Ramp's private key and verified with Ramp's
 * published public key. Ramp sends no timestamp, so a replayed delivery is caught by deduplication only.
 *
 * <p>Needs BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) on the class path: the JDK no longer has
 * secp256k1. Without it, building this authenticator fails with an {@link IllegalStateException} that says so.
 * Immutable and thread-safe.
 */
public final class RampNetworkSignature implements Authenticator {

    /** The signature header. */
    public static final String HEADER = "X-Body-Signature";

    /** Ramp Network's production public key, as published on docs.ramp.network/webhooks. */
    public static final String PRODUCTION_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAElvxpYOhgdAmI+7oL4mABRAfM5CwLkCbZ
            m64ERVKAisSulWFC3oRZom/PeyE2iXPX1ekp9UD1r+51c9TiuIHU4w==
            -----END PUBLIC KEY-----
            """;

    /** Ramp Network's staging (test environment) public key, as published on docs.ramp.network/webhooks. */
    public static final String STAGING_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEevN2PMEeIaaMkS4VIfXOqsLebj19kVeu
            wWl0AnkIA6DJU0r3ixkXVhJTltycJtkDoEAYtPHfARyTofB5ZNw9xA==
            -----END PUBLIC KEY-----
            """;

    /** A DER ECDSA signature over a 256-bit curve is at most 72 bytes; far longer headers are not signatures. */
    private static final int MAX_SIGNATURE_CHARS = 256;

    /**
     * The most JSON values a body may hold for its signed form to be computed: canonicalising sorts every object's
     * members, and an unauthenticated 1 MiB body of 80,000 members cost ~456 ms of CPU. Ramp's deliveries hold
     * about 50; 5,000 bounds the work to a few milliseconds.
     */
    static final int MAX_VALUES = 5_000;

    /** The deepest nesting of objects and arrays the signed form is computed for; Ramp's deliveries nest 3 deep. */
    static final int MAX_DEPTH = 16;

    private final List<PublicKey> keys;
    private final int keyCount;

    private RampNetworkSignature(List<PublicKey> keys) {
        this.keys = keys;
        this.keyCount = keys.size();
    }

    /**
     * Verifies with the given public keys (PEM or bare base64 X.509), any one of which may have signed.
     *
     * @param publicKeysPem the public keys to trust
     * @return a new authenticator
     * @throws IllegalArgumentException when no key is given or one is not a secp256k1 public key
     * @throws IllegalStateException    when BouncyCastle is not on the class path
     */
    public static RampNetworkSignature of(String... publicKeysPem) {
        if (publicKeysPem == null || publicKeysPem.length == 0) {
            throw new IllegalArgumentException("RampNetworkSignature needs at least one public key");
        }
        List<PublicKey> keys = new ArrayList<>(publicKeysPem.length);
        try {
            for (String pem : publicKeysPem) {
                if (pem == null || pem.isBlank()) {
                    throw new IllegalArgumentException("RampNetworkSignature: a public key must not be blank");
                }
                keys.add(Secp256k1.publicKey(pem));
            }
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException(Secp256k1.MISSING);
        }
        return new RampNetworkSignature(List.copyOf(keys));
    }

    /**
     * Ramp's production key.
     *
     * @return a new authenticator
     */
    public static RampNetworkSignature production() {
        return of(PRODUCTION_KEY);
    }

    /**
     * Ramp's staging key, for the test environment.
     *
     * @return a new authenticator
     */
    public static RampNetworkSignature staging() {
        return of(STAGING_KEY);
    }

    /** A delivery without the header is refused before its body is read. */
    @Override
    public Verification checkBeforeBody(WebhookRequest request) {
        return request.header(HEADER).isEmpty() ? Verification.unauthorized("missing signature header " + HEADER)
                : Verification.ok();
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        String header = request.header(HEADER).map(String::trim).orElse("");
        if (header.isEmpty()) {
            return Verification.unauthorized("missing signature header " + HEADER);
        }
        byte[] signature = header.length() > MAX_SIGNATURE_CHARS ? null : base64(header);
        // Cheap checks first: a signature that cannot be one is refused before the body is canonicalised.
        if (signature == null || !Secp256k1.wellFormedSignature(signature)) {
            return Verification.unauthorized("malformed signature in " + HEADER);
        }
        String stable;
        try {
            stable = StableJson.of(body, MAX_VALUES, MAX_DEPTH);
        } catch (StableJson.TooLarge e) {
            return Verification.unauthorized("body too large to verify: " + e.getMessage());
        }
        if (stable == null) {
            return Verification.unauthorized("body is not JSON, so it has no signed form");
        }
        byte[] message = stable.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (PublicKey key : keys) {
            match |= Secp256k1.verifies(key, message, signature);
        }
        return match ? Verification.ok() : Verification.unauthorized("no matching signature");
    }

    /**
     * Cannot sign: Ramp signs with its private key, and this check holds only public keys. For tests, the test kit's
     * {@code TestKeyPair.rampNetwork()} holds a test key pair whose signer signs as Ramp does.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        throw new UnsupportedOperationException(this + " verifies with Ramp's public keys: signing needs a private"
                + " key; in tests use dev.ramphook.testkit.TestKeyPair.rampNetwork() and trust its publicKey()");
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Names the scheme; public keys are not secret, but only their count is shown. */
    @Override
    public String toString() {
        return "RampNetworkSignature[secp256k1, publicKeys=" + keyCount + "]";
    }
}
