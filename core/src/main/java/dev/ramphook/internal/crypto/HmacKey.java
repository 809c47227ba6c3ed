package dev.ramphook.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret, ready to sign. HMAC-SHA256 and HMAC-SHA512 run on digests keyed past the key's pads
 * ({@link KeyedPads}): a call hashes the message and one outer block, not the two pad blocks again as
 * {@link Mac} does (a third of HMAC-SHA512's work for a 0.3 KB body). Any other algorithm, or a digest that cannot
 * be cloned, uses a keyed {@link Mac} per thread. Shared by the HMAC authenticators of {@code dev.ramphook.auth} and
 * the provider packages (Revolut's signature, Transak's JWT). Thread-safe.
 */
public final class HmacKey {

    private final String algorithm;
    /** The keyed digests, or null for a {@link Mac}. */
    private final KeyedPads pads;
    /** The keyed {@link Mac} when there are no pads; a Mac is not thread-safe, so one per thread, reset by doFinal. */
    private final ThreadLocal<Mac> perThread;

    /**
     * Keys this MAC with {@code key}.
     *
     * @param key the secret and the JCA algorithm name, such as {@code HmacSHA256}
     * @throws IllegalStateException when this JVM has no such algorithm
     */
    public HmacKey(SecretKeySpec key) {
        this.algorithm = key.getAlgorithm();
        this.pads = pads(key);
        if (pads == null) {
            Mac prototype = fresh(key);
            this.perThread = ThreadLocal.withInitial(() -> copy(prototype, key));
        } else {
            this.perThread = null;
        }
    }

    /**
     * The MAC of {@code bytes}: {@link #mac(byte[]...)} of one part, without the array a varargs call makes (the
     * body's MAC, on every signed delivery).
     *
     * @param bytes the signed bytes
     * @return the MAC, a new array
     */
    public byte[] mac(byte[] bytes) {
        if (pads != null) {
            MessageDigest inner = pads.start();
            inner.update(bytes);
            return pads.finish(inner);
        }
        Mac mac = perThread.get();
        try {
            return mac.doFinal(bytes); // and the Mac is back in its keyed initial state, for the thread's next call
        } catch (RuntimeException | Error e) {
            perThread.remove(); // never reuse one left half-way
            throw e;
        }
    }

    /**
     * The MAC of the concatenation of {@code parts}.
     *
     * @param parts the signed bytes, in order
     * @return the MAC, a new array
     */
    public byte[] mac(byte[]... parts) {
        if (pads != null) {
            MessageDigest inner = pads.start();
            for (byte[] part : parts) {
                inner.update(part);
            }
            return pads.finish(inner);
        }
        Mac mac = perThread.get();
        try {
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal(); // and the Mac is back in its keyed initial state, for the thread's next call
        } catch (RuntimeException | Error e) {
            perThread.remove(); // never reuse one left half-way
            throw e;
        }
    }

    /** The keyed digests for HMAC-SHA256 and HMAC-SHA512, or null for any other algorithm. */
    private static KeyedPads pads(SecretKeySpec key) {
        String digest;
        int blockSize;
        if ("HmacSHA256".equalsIgnoreCase(key.getAlgorithm())) {
            digest = "SHA-256";
            blockSize = 64;
        } else if ("HmacSHA512".equalsIgnoreCase(key.getAlgorithm())) {
            digest = "SHA-512";
            blockSize = 128;
        } else {
            return null;
        }
        byte[] secret = key.getEncoded(); // a copy, wiped once the pads are hashed
        try {
            return KeyedPads.of(digest, blockSize, secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " is required of every JVM", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static Mac copy(Mac prototype, SecretKeySpec key) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return fresh(key); // a provider whose Mac cannot be cloned: one set up per thread
        }
    }

    private static Mac fresh(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(key.getAlgorithm() + " is required of every JVM", e);
        }
    }

    /** Names the algorithm only. */
    @Override
    public String toString() {
        return "HmacKey[" + algorithm + "]";
    }
}
