package dev.ramphook.example.jetty;

import dev.ramphook.testkit.TestKeyPair;
import java.util.Optional;

/**
 * TEST KEYS, PUBLISHED IN THIS REPOSITORY: the example's key pairs for the providers verified with the sender's public
 * key, so that {@code send} (a separate process) can sign deliveries that the running example accepts. Ramp Network
 * signs with its own private key, which nobody else has. The example's {@code /webhooks/rampnetwork} trusts this
 * test key only when asked to explicitly, with {@code RAMPNETWORK_WEBHOOK_SECRET=example-test-key}, and then says so
 * loudly when it starts; unset, the endpoint is off. Anyone who has read this file can sign with it: never let a real
 * endpoint trust it.
 */
final class ExampleTestKeys {

    /** A secp256k1 PKCS#8 private key generated for this example only. NOT SECRET, NOT RAMP'S. */
    static final String RAMP_NETWORK_TEST_PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGNAgEAMBAGByqGSM49AgEGBSuBBAAKBHYwdAIBAQQg2a4NA32K8ug+Bca7xgrS
            t20ikqbpv98YoTMGtsnaqOWgBwYFK4EEAAqhRANCAASFDFZSz7JJxbZR/vOHOvB5
            Q83ysHFHAhjZvUSxX1tCUPJ2fbaqdFxARleCrQm5vVylrK7kxX4zoQ8WFkLAhMTQ
            -----END PRIVATE KEY-----
            """;

    private ExampleTestKeys() {
    }

    /** True for a provider verified with the sender's public key, for which the example has a test key pair. */
    static boolean isPublicKeyProvider(String providerId) {
        return providerId.equals("rampnetwork");
    }

    /**
     * The example's test key pair for {@code providerId}, when that provider is verified with a public key.
     *
     * @throws IllegalStateException when BouncyCastle is missing (Ramp Network)
     */
    static Optional<TestKeyPair> of(String providerId) {
        return isPublicKeyProvider(providerId) ? Optional.of(TestKeyPair.rampNetwork(RAMP_NETWORK_TEST_PRIVATE_KEY))
                : Optional.empty();
    }
}
