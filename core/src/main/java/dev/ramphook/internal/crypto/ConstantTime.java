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
}
