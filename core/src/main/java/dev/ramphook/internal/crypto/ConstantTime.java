package dev.ramphook.internal.crypto;

import java.security.MessageDigest;
import java.util.List;
import java.util.function.Function;

/**
 * The one comparison of a delivery's credentials with the configured secrets, for every authenticator that accepts
 * any of several secrets (rotation on our side) and any of several signatures (rotation on the sender's side).
 */
public final class ConstantTime {

    private ConstantTime() {
    }

    /**
     * Whether the value any key gives equals any given value. Every key's value is computed, and compared with
     * every given value by {@link MessageDigest#isEqual}, with no early exit: how long the check takes tells
     * nothing about which key and which signature matched, nor how much of a wrong one was right.
     *
     * @param keys       the configured secrets (or what stands for them), each used once
     * @param expectedOf what a genuine sender sends with one key: a MAC of the signed bytes, a token's hash
     * @param given      what the delivery carries, decoded; malformed items already left out
     * @param <K>        the key type
     * @return true when at least one pair is equal
     */
    public static <K> boolean anyMatch(List<K> keys, Function<? super K, byte[]> expectedOf, List<byte[]> given) {
        boolean match = false;
        // By index: the lists are short and random-access (List.of, ArrayList), and two iterators were a tenth of
        // what a URL-token check allocates, on every delivery.
        for (int k = 0, keyCount = keys.size(); k < keyCount; k++) {
            byte[] expected = expectedOf.apply(keys.get(k));
            for (int g = 0, givenCount = given.size(); g < givenCount; g++) {
                match |= MessageDigest.isEqual(expected, given.get(g));
            }
        }
        return match;
    }

    /**
     * Whether {@code given} equals {@code expected}, byte for byte, as {@link MessageDigest#isEqual} answers, in a
     * time that depends on {@code expected}'s length alone: every byte of {@code expected} is compared, with the
     * byte of {@code given} at the same place or 0 past its end, and the difference of the lengths is folded into
     * the result; no early exit, no branch on a byte's value. What a URL token is checked with: how long the check
     * takes tells nothing about how much of a presented token was right, nor about its length (the token is not
     * hashed first, which cost a SHA-256 per delivery).
     *
     * @param expected the configured secret, not {@code null}
     * @param given    what the delivery presents, not {@code null}
     * @return true when both hold the same bytes
     */
    public static boolean equal(byte[] expected, byte[] given) {
        int difference = expected.length ^ given.length;
        int common = Math.min(expected.length, given.length); // where the split falls says only the given length
        for (int i = 0; i < common; i++) {
            difference |= expected[i] ^ given[i];
        }
        for (int i = common; i < expected.length; i++) { // past the given bytes: against 0
            difference |= expected[i];
        }
        return difference == 0;
    }

    /**
     * {@link #anyEqual} of the bytes of {@code given[from, to)}, ASCII text (the caller checked: each character is
     * its own UTF-8 byte), read where it stands instead of copied out: the same answer, in a time set by the same
     * lengths.
     *
     * @param secrets the configured secrets (several during a rotation)
     * @param given   the text holding what the delivery presents, such as a query
     * @param from    where the presented value begins in {@code given}
     * @param to      where it ends (exclusive)
     * @return true when at least one secret equals it
     */
    public static boolean anyEqualAscii(List<byte[]> secrets, String given, int from, int to) {
        int length = to - from;
        boolean match = false;
        for (int s = 0, count = secrets.size(); s < count; s++) {
            byte[] expected = secrets.get(s);
            int difference = expected.length ^ length;
            int common = Math.min(expected.length, length);
            for (int i = 0; i < common; i++) {
                difference |= expected[i] ^ given.charAt(from + i);
            }
            for (int i = common; i < expected.length; i++) {
                difference |= expected[i];
            }
            match |= difference == 0;
        }
        return match;
    }

    /**
     * Whether {@code given} {@linkplain #equal equals} any of {@code secrets}: every secret is compared, with no
     * early exit, so the time tells nothing about which one matched.
     *
     * @param secrets the configured secrets (several during a rotation)
     * @param given   what the delivery presents
     * @return true when at least one secret equals it
     */
    public static boolean anyEqual(List<byte[]> secrets, byte[] given) {
        boolean match = false;
        for (int s = 0, count = secrets.size(); s < count; s++) {
            match |= equal(secrets.get(s), given);
        }
        return match;
    }
}
