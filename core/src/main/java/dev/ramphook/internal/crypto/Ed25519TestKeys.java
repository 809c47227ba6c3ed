package dev.ramphook.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;

/**
 * Ed25519 key pairs from a 32-byte private key (RFC 8032's seed) with the JDK's own EdDSA, for the test kit's
 * Standard Webhooks {@code v1a} signer. The JDK has no public call that derives the public key from a private one,
 * but its key pair generator draws exactly the 32 private-key bytes from the random source it is given; a source
 * that hands out the seed therefore yields that seed's pair. The result is checked by signing and verifying once, so
 * a JDK that drew its bytes differently would fail loudly here rather than sign with a wrong key.
 */
public final class Ed25519TestKeys {

    /** The length of an Ed25519 private key (seed). */
    public static final int SEED_LENGTH = 32;

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key (RFC 8410). */
    private static final int SPKI_PREFIX_LENGTH = 12;

    private Ed25519TestKeys() {
    }

    /** 32 random bytes from a strong source. */
    public static String randomSeed() {
        byte[] seed = new byte[SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        return java.util.Base64.getEncoder().encodeToString(seed);
    }

    /** The key pair of {@code seed} (32 bytes). */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] probe = {'r', 'a', 'm', 'p', 'h', 'o', 'o', 'k'};
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(sign(pair.getPrivate(), probe))) {
                throw new IllegalStateException("this JDK's Ed25519 key pair generator did not use the given key");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 is unavailable", e);
        }
    }

    /** The raw 32 bytes of an Ed25519 public key. */
    public static byte[] rawPublic(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, SPKI_PREFIX_LENGTH, spki.length);
    }

    /** The Ed25519 signature of the concatenated {@code parts}. */
    public static byte[] sign(PrivateKey key, byte[]... parts) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            for (byte[] part : parts) {
                signer.update(part);
            }
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 cannot sign", e);
        }
    }

    /** Hands out the seed: the generator asks for exactly the private key's bytes. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
