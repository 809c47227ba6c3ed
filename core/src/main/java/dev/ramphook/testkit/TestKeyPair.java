package dev.ramphook.testkit;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.Verification;
import dev.ramphook.internal.crypto.Ed25519TestKeys;
import dev.ramphook.internal.crypto.Secp256k1;
import dev.ramphook.internal.crypto.Sha256;
import dev.ramphook.internal.json.StableJson;
import dev.ramphook.rampnetwork.RampNetworkSignature;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * A test key pair for the schemes that are verified with the sender's public key, so that a test can sign what only
 * the provider could sign: Ramp Network's {@code X-Body-Signature} (ECDSA secp256k1) and Standard Webhooks'
 * {@code v1a} (Ed25519). The receiver under test trusts {@link #publicKey()} (as its endpoint's "secret", or
 * through {@link #authenticator()}); {@link #signer()} signs deliveries that it accepts.
 *
 * <pre>{@code
 * TestKeyPair ramp = TestKeyPair.rampNetwork();              // generated for this test
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .endpoint("/webhooks/ramp", RampNetwork.provider(), ramp.publicKey())   // trusts the test key, not Ramp's
 *         .handlers(handlers).build();
 * receiver.receive(Samples.find("rampnetwork", "RELEASED").signed("/webhooks/ramp", ramp).request());
 * }</pre>
 *
 * <p>A generated pair lives as long as the object; {@link #rampNetwork(String)} and {@link #standardWebhooks(String)}
 * take a private key kept with the tests (from {@link #privateKey()}), for a sender and a receiver in separate
 * processes. Never trust a test key in production: anyone who has read the tests can sign with it.
 *
 * <p>Ramp Network keys need BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}), as Ramp Network verification
 * does; Ed25519 is the JDK's own. Immutable and thread-safe; {@code toString()} never shows the private key.
 */
public final class TestKeyPair {

    /** Which scheme a pair signs. */
    private enum Scheme { RAMP_NETWORK, STANDARD_WEBHOOKS }

    private static final String PRIVATE_PREFIX = "whsk_";
    private static final String PUBLIC_PREFIX = "whpk_";

    private final Scheme scheme;
    private final KeyPair pair;
    private final String publicKey;
    private final String privateKey;
    private final Clock clock;

    private TestKeyPair(Scheme scheme, KeyPair pair, String publicKey, String privateKey, Clock clock) {
        this.scheme = scheme;
        this.pair = pair;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /**
     * A freshly generated secp256k1 pair that signs as Ramp Network signs.
     *
     * @return the pair
     * @throws IllegalStateException when BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) is not on the class
     *                               path; the message names it
     */
    public static TestKeyPair rampNetwork() {
        try {
            return ramp(Secp256k1.generate());
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException(Secp256k1.MISSING);
        }
    }

    /**
     * The secp256k1 pair of a private key kept with the tests, to sign as Ramp Network signs.
     *
     * @param privateKeyPem a PKCS#8 private key, PEM ({@code -----BEGIN PRIVATE KEY-----}) or bare base64, such as
     *                      an earlier pair's {@link #privateKey()}
     * @return the pair, with the public key derived from the private one
     * @throws IllegalArgumentException when it is not a secp256k1 private key (the message does not repeat it)
     * @throws IllegalStateException    when BouncyCastle is not on the class path; the message names it
     */
    public static TestKeyPair rampNetwork(String privateKeyPem) {
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        try {
            return ramp(Secp256k1.keyPair(privateKeyPem));
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException(Secp256k1.MISSING);
        }
    }

    private static TestKeyPair ramp(KeyPair pair) {
        return new TestKeyPair(Scheme.RAMP_NETWORK, pair, Secp256k1.pem(pair.getPublic()),
                Secp256k1.pem(pair.getPrivate()), Clock.systemUTC());
    }

    /**
     * A freshly generated Ed25519 pair that signs Standard Webhooks {@code v1a} signatures.
     *
     * @return the pair
     */
    public static TestKeyPair standardWebhooks() {
        return standardWebhooks(Ed25519TestKeys.randomSeed());
    }

    /**
     * The Ed25519 pair of a private key kept with the tests, to sign Standard Webhooks {@code v1a} signatures.
     *
     * @param privateKey {@code whsk_} followed by the base64 of the 32-byte Ed25519 private key (the base64 part
     *                   alone is accepted too), such as an earlier pair's {@link #privateKey()}
     * @return the pair, with the public key derived from the private one
     * @throws IllegalArgumentException when it is not such a key (the message does not repeat it)
     */
    public static TestKeyPair standardWebhooks(String privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        String base64 = privateKey.strip();
        base64 = base64.startsWith(PRIVATE_PREFIX) ? base64.substring(PRIVATE_PREFIX.length()) : base64;
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException malformed) {
            seed = null;
        }
        if (seed == null || seed.length != Ed25519TestKeys.SEED_LENGTH) {
            throw new IllegalArgumentException("a Standard Webhooks test key is not whsk_<base64 of 32 bytes>");
        }
        KeyPair pair = Ed25519TestKeys.fromSeed(seed);
        return new TestKeyPair(Scheme.STANDARD_WEBHOOKS, pair,
                PUBLIC_PREFIX + Base64.getEncoder().encodeToString(Ed25519TestKeys.rawPublic(pair.getPublic())),
                PRIVATE_PREFIX + Base64.getEncoder().encodeToString(seed), Clock.systemUTC());
    }

    /**
     * This pair signing its time-stamped scheme ({@code webhook-timestamp}) at {@code clock}'s now: give it the
     * receiver's clock in a test with a fixed clock. Ramp Network signatures carry no time.
     *
     * @param newClock the clock to sign at
     * @return a copy with that clock
     * @throws NullPointerException when {@code newClock} is null
     */
    public TestKeyPair clock(Clock newClock) {
        return new TestKeyPair(scheme, pair, publicKey, privateKey, Objects.requireNonNull(newClock, "clock"));
    }

    /**
     * The public key for the receiver to trust: for Ramp Network a PEM {@code PUBLIC KEY}, given to
     * {@code RampNetwork.provider()} as its secret ({@code secret-env} in the servlet configuration); for Standard
     * Webhooks {@code whpk_<base64>}, given to {@code StandardWebhooks.ofPublicKeys}.
     *
     * @return the public key text
     */
    public String publicKey() {
        return publicKey;
    }

    /**
     * The private key, to keep with the tests and load again with {@link #rampNetwork(String)} or
     * {@link #standardWebhooks(String)} (a PKCS#8 PEM {@code PRIVATE KEY}, or {@code whsk_<base64>}). A test key
     * only: never a provider's.
     *
     * @return the private key text
     */
    public String privateKey() {
        return privateKey;
    }

    /**
     * What the receiver checks: {@link RampNetworkSignature} or {@link StandardWebhooks#ofPublicKeys}, trusting
     * this pair's public key only.
     *
     * @return a new authenticator
     * @throws IllegalStateException when BouncyCastle is not on the class path (Ramp Network)
     */
    public Authenticator authenticator() {
        return scheme == Scheme.RAMP_NETWORK ? RampNetworkSignature.of(publicKey)
                : StandardWebhooks.ofPublicKeys(publicKey).clock(clock);
    }

    /**
     * An authenticator that signs as the sender does, with this pair's private key: {@code X-Body-Signature}
     * (base64 DER ECDSA of the body as sorted, whitespace-free JSON) or {@code webhook-id},
     * {@code webhook-timestamp} and {@code webhook-signature: v1a,<base64 Ed25519>} (the id derived from the body,
     * as {@code StandardWebhooks} does, so the same body signed twice is a redelivery). It verifies as
     * {@link #authenticator()} does. Give it to {@link SignedDelivery#of}.
     *
     * @return the signer
     */
    public Authenticator signer() {
        return new Signer(this);
    }

    /**
     * {@code body} as a delivery to {@code path}, signed with this pair.
     *
     * @param path the endpoint path
     * @param body the raw body, sent byte for byte
     * @return the signed delivery
     * @throws IllegalArgumentException when a Ramp Network body is not JSON (its signed form is JSON)
     */
    public SignedDelivery sign(String path, byte[] body) {
        return SignedDelivery.of(path, body, signer());
    }

    /** Names the scheme and never the private key. */
    @Override
    public String toString() {
        return "TestKeyPair[" + (scheme == Scheme.RAMP_NETWORK ? "rampnetwork secp256k1" : "standard-webhooks v1a"
                + " Ed25519") + "]";
    }

    private WebhookRequest signRequest(WebhookRequest request, byte[] body) {
        if (scheme == Scheme.RAMP_NETWORK) {
            String stable = StableJson.of(body);
            if (stable == null) {
                throw new IllegalArgumentException("a Ramp Network body must be JSON: its signed form is JSON");
            }
            byte[] signature = Secp256k1.sign(pair.getPrivate(), stable.getBytes(StandardCharsets.UTF_8));
            return request.toBuilder().header(RampNetworkSignature.HEADER,
                    Base64.getEncoder().encodeToString(signature)).build();
        }
        String id = request.header("webhook-id").orElseGet(() -> "msg_" + Sha256.hex(body).substring(0, 32));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] signature = Ed25519TestKeys.sign(pair.getPrivate(),
                (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        WebhookRequest.Builder signed = request.toBuilder();
        if (request.header("webhook-id").isEmpty()) {
            signed.header("webhook-id", id);
        }
        return signed.header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1a," + Base64.getEncoder().encodeToString(signature)).build();
    }

    /** Signs with the pair's private key; verifies as the pair's authenticator does. */
    private static final class Signer implements Authenticator {

        private final TestKeyPair keys;
        private final Authenticator verifier;

        Signer(TestKeyPair keys) {
            this.keys = keys;
            this.verifier = keys.authenticator();
        }

        @Override
        public Verification verify(WebhookRequest request, byte[] body) {
            return verifier.verify(request, body);
        }

        @Override
        public Verification checkBeforeBody(WebhookRequest request) {
            return verifier.checkBeforeBody(request);
        }

        @Override
        public WebhookRequest sign(WebhookRequest request, byte[] body) {
            return keys.signRequest(request, body);
        }

        @Override
        public String toString() {
            return keys + ".signer()";
        }
    }
}
