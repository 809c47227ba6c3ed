package dev.ramphook.internal.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret, ready to sign. {@link Mac} is not thread-safe, so the keyed prototype is never used directly: each
 * call works on a clone, which skips the provider look-up and key set-up that {@code Mac.getInstance} + {@code init}
 * cost on every request (about 8% of a meCash delivery in the benchmark profile). Shared by the HMAC authenticators
 * of {@code dev.ramphook.auth} and the provider packages (Revolut's signature, Transak's JWT). Thread-safe.
 */
public final class HmacKey {

    private final SecretKeySpec key;
    private final Mac prototype;
    /**
     * One keyed Mac per thread, reused: a clone per call (two digests' state and the key pads, about 2 KB for
     * SHA-512) was the largest allocation of a delivery's verification. A Mac is reset by {@code doFinal}.
     */
    private final ThreadLocal<Mac> perThread = ThreadLocal.withInitial(this::copy);

    /**
     * Keys a prototype MAC with {@code key}.
     *
     * @param key the secret and the JCA algorithm name, such as {@code HmacSHA256}
     * @throws IllegalStateException when this JVM has no such algorithm
     */
    public HmacKey(SecretKeySpec key) {
        this.key = key;
        this.prototype = fresh(key);
    }

    /**
     * The MAC of {@code bytes}: {@link #mac(byte[]...)} of one part, without the array a varargs call makes (the
     * body's MAC, on every signed delivery).
     *
     * @param bytes the signed bytes
     * @return the MAC
     */
    public byte[] mac(byte[] bytes) {
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
     * @return the MAC
     */
    public byte[] mac(byte[]... parts) {
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

    private Mac copy() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return fresh(key); // a provider whose Mac cannot be cloned: set one up per call
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
        return "HmacKey[" + key.getAlgorithm() + "]";
    }
}
