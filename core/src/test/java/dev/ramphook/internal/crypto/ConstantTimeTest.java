package dev.ramphook.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    private final List<String> computed = new ArrayList<>();

    private byte[] expected(String key) {
        computed.add(key);
        return ("mac-" + key).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anyKeyWithAnyGivenValueMatches() {
        assertThat(ConstantTime.anyMatch(List.of("a", "b"), this::expected, List.of(bytes("x"), bytes("mac-b"))))
                .isTrue();
    }

    @Test
    void noEqualPairIsNoMatch() {
        assertThat(ConstantTime.anyMatch(List.of("a", "b"), this::expected, List.of(bytes("mac-c"), bytes("mac-"))))
                .isFalse();
        assertThat(ConstantTime.anyMatch(List.of("a"), this::expected, List.of())).isFalse();
    }

    @Test
    void everyKeyIsUsedEvenWhenTheFirstMatches() {
        ConstantTime.anyMatch(List.of("a", "b", "c"), this::expected, List.of(bytes("mac-a")));

        assertThat(computed).containsExactly("a", "b", "c");
    }

    /**
     * {@link ConstantTime#equal} answers as {@link MessageDigest#isEqual} does, on random pairs of every relation: equal,
     * one a prefix or an extension of the other, one byte changed (first, last, anywhere), unrelated, empty.
     */
    @Test
    void equalAnswersAsMessageDigestIsEqualOnRandomPairs() {
        Random random = new Random(21);
        for (int round = 0; round < 200_000; round++) {
            byte[] expected = new byte[random.nextInt(70)];
            random.nextBytes(expected);
            byte[] given = switch (random.nextInt(6)) {
                case 0 -> expected.clone();
                case 1 -> Arrays.copyOf(expected, random.nextInt(expected.length + 1)); // a prefix, maybe empty
                case 2 -> Arrays.copyOf(expected, expected.length + 1 + random.nextInt(5)); // extended with zeros
                case 3 -> {
                    byte[] changed = expected.clone();
                    if (changed.length > 0) {
                        int at = random.nextBoolean() ? random.nextInt(changed.length)
                                : random.nextBoolean() ? 0 : changed.length - 1;
                        changed[at] ^= (byte) (1 + random.nextInt(255));
                    }
                    yield changed;
                }
                case 4 -> {
                    byte[] other = new byte[random.nextInt(70)];
                    random.nextBytes(other);
                    yield other;
                }
                default -> new byte[0];
            };
            assertThat(ConstantTime.equal(expected, given)).as("round %d", round)
                    .isEqualTo(MessageDigest.isEqual(expected, given));
            assertThat(ConstantTime.equal(given, expected)).as("round %d, swapped", round)
                    .isEqualTo(MessageDigest.isEqual(given, expected));
        }
    }

    @Test
    void zerosPastTheEndAreNotEqual() {
        assertThat(ConstantTime.equal(bytes("ab"), new byte[] {'a', 'b', 0})).isFalse();
        assertThat(ConstantTime.equal(new byte[] {'a', 'b', 0}, bytes("ab"))).isFalse();
        assertThat(ConstantTime.equal(new byte[0], new byte[0])).isTrue();
        assertThat(ConstantTime.equal(new byte[] {0}, new byte[0])).isFalse();
    }

    @Test
    void anyEqualComparesWithEverySecret() {
        List<byte[]> secrets = List.of(bytes("old-token"), bytes("new-token"));
        assertThat(ConstantTime.anyEqual(secrets, bytes("new-token"))).isTrue();
        assertThat(ConstantTime.anyEqual(secrets, bytes("old-token"))).isTrue();
        assertThat(ConstantTime.anyEqual(secrets, bytes("new-toke"))).isFalse();
        assertThat(ConstantTime.anyEqual(secrets, bytes(""))).isFalse();
    }
}
