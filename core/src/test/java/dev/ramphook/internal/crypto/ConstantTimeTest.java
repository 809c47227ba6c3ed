package dev.ramphook.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
