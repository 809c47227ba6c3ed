package dev.ramphook.internal.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one way this library hashes: over-long or key-less deduplication keys, the in-memory store's
 * handled keys, a signed test delivery's id. Each use works on a clone of one prototype digest, which skips the
 * provider look-up that {@code MessageDigest.getInstance} costs on every call (a handled key is hashed on every
 * delivery).
 */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE = fresh();
    /** One digest per thread for {@link #of}: a clone per call was a few hundred bytes of every delivery. */
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /**
     * A new digest, for hashing in parts; not thread-safe, as no {@link MessageDigest} is.
     *
     * @return a SHA-256 digest of its own, in its initial state
     */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return fresh(); // a provider whose digest cannot be cloned: one look-up per call
        }
    }

    /** {@return the 32-byte SHA-256 of {@code bytes}} */
    public static byte[] of(byte[] bytes) {
        return PER_THREAD.get().digest(bytes); // digest() resets it for the thread's next call
    }

    /** {@return the SHA-256 of {@code bytes} as 64 lower-case hex digits} */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(of(bytes));
    }

    private static MessageDigest fresh() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
