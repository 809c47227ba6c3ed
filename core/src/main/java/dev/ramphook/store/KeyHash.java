package dev.ramphook.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The handled-key hash of the in-memory store: SipHash-2-4 with 128-bit output (Aumasson and Bernstein) under a
 * random key drawn once per store, over an unambiguous encoding of {@code (provider, key)}.
 *
 * <p>Why not a plain hash: a collision would make a new event look handled, so the hash must be one a sender cannot
 * make collide. SipHash is a pseudo-random function: a sender who does not know the store's 128-bit key (it never
 * leaves the process, is never logged) can only guess, and finding two keys with the same 128-bit value by guessing
 * takes about 2<sup>64</sup> tries that it cannot even check. It was SHA-256 cut to 128 bits, which is as safe
 * but costs a digest and a copy of the key into a buffer per event; this reads the key's characters directly.
 *
 * <p>The message: the provider's length in UTF-8 bytes as 8 little-endian bytes, the provider's UTF-8 bytes padded
 * with zeros to a multiple of 8, then the key's UTF-8 bytes. Given a message, the provider and the key are found
 * again, so two different pairs are two different messages. ASCII text (nearly every provider id and key) is copied
 * into a buffer of the calling thread and read eight bytes at a time; any other text is encoded into an array of its
 * own and gives the same value.
 *
 * <p>Immutable and thread-safe: each call works on its own locals and its thread's buffer.
 */
final class KeyHash {

    /**
     * The 128 bits of a hash, as two fields of the object that needs them (an {@link EventId}): a hash per event
     * without an array of its own.
     */
    static class Words {
        long first;
        long second;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The longest message hashed in a thread's buffer; a longer one is encoded into an array of its own. */
    private static final int BUFFER_BYTES = 512;
    /** One buffer per thread for an ASCII message: no array per hash, and no lock needed to share one. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);

    private final long k0;
    private final long k1;

    KeyHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A hash under a fresh key from {@link SecureRandom}, one per store: no two processes or stores share it. */
    static KeyHash random() {
        SecureRandom random = new SecureRandom();
        return new KeyHash(random.nextLong(), random.nextLong());
    }

    /** The 128 bits (first, second) of {@code (provider, key)}; never (0, 0), which marks an empty table slot. */
    long[] hash(String provider, String key) {
        Words w = new Words();
        hash(provider, key, w);
        return new long[] {w.first, w.second};
    }

    /** {@link #hash(String, String)} into {@code into}'s words. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, for ASCII
    void hash(String provider, String key, Words into) {
        int providerLength = provider.length();
        int keyLength = key.length();
        int padded = (providerLength + 7) & ~7;
        int length = 8 + padded + keyLength;
        if (length > BUFFER_BYTES || ((orOfChars(provider) | orOfChars(key)) & 0xFF80) != 0) {
            byte[] message = message(provider, key);
            sipHash128(k0, k1, message, 0, message.length, into);
            nonZero(into);
            return;
        }
        // ASCII: each char is its UTF-8 byte, copied as the low bytes of the chars (an array copy for such a String)
        byte[] message = BUFFERS.get();
        LONGS.set(message, 0, (long) providerLength);
        if (padded > 0) {
            LONGS.set(message, padded, 0L); // the provider's last block, zero above its last byte
        }
        provider.getBytes(0, providerLength, message, 8);
        key.getBytes(0, keyLength, message, 8 + padded);
        sipHash128(k0, k1, message, 0, length, into);
        nonZero(into);
    }

    /** SipHash-2-4-128 of {@code length} bytes of {@code in} from {@code offset}: (first, second) 64-bit halves. */
    static long[] sipHash128(long k0, long k1, byte[] in, int offset, int length) {
        Words w = new Words();
        sipHash128(k0, k1, in, offset, length, w);
        return new long[] {w.first, w.second};
    }

    /** {@link #sipHash128(long, long, byte[], int, int)} into {@code into}'s words. */
    static void sipHash128(long k0, long k1, byte[] in, int offset, int length, Words into) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL ^ 0xee;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int end = offset + (length & ~7);
        for (int i = offset; i < end; i += 8) {
            long m = (long) LONGS.get(in, i);
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        long last = littleEndian(in, end, offset + length) | (long) length << 56;
        finish(v0, v1, v2, v3, last, into);
    }

    /** The last block, then the 128-bit finalisation (0xee, four rounds, 0xdd, four rounds). */
    private static void finish(long v0, long v1, long v2, long v3, long last, Words into) {
        v3 ^= last;
        for (int r = 0; r < 2; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= last;
        v2 ^= 0xee;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        long first = v0 ^ v1 ^ v2 ^ v3;
        v1 ^= 0xdd;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        into.first = first;
        into.second = v0 ^ v1 ^ v2 ^ v3;
    }

    /** The message {@link #hash} hashes, as bytes (see the class comment). */
    static byte[] message(String provider, String key) {
        byte[] p = provider.getBytes(StandardCharsets.UTF_8);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int padded = (p.length + 7) & ~7;
        byte[] message = new byte[8 + padded + k.length];
        for (int i = 0; i < 8; i++) {
            message[i] = (byte) ((long) p.length >>> (8 * i));
        }
        System.arraycopy(p, 0, message, 8, p.length);
        System.arraycopy(k, 0, message, 8 + padded, k.length);
        return message;
    }

    private static void nonZero(Words h) {
        if ((h.first | h.second) == 0) {
            h.second = 1;
        }
    }

    private static long littleEndian(byte[] in, int from, int to) {
        long w = 0;
        for (int i = to - 1; i >= from; i--) {
            w = w << 8 | in[i] & 0xFF;
        }
        return w;
    }

    /** Every character of {@code s} OR-ed together: ASCII when no bit above the seventh is set. */
    private static int orOfChars(String s) {
        int or = 0;
        for (int i = 0; i < s.length(); i++) {
            or |= s.charAt(i);
        }
        return or;
    }
}
