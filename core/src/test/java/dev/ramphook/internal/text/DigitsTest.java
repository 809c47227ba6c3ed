package dev.ramphook.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain decimal digits and nothing else, as timestamps in signed headers are compared, not guessed at. */
class DigitsTest {

    @Test
    void readsPlainDigitsUpToTheLimit() {
        assertThat(Digits.parse("1614265330", 12)).isEqualTo(1614265330L);
        assertThat(Digits.parse("1614265330123", 15)).isEqualTo(1614265330123L);
        assertThat(Digits.parse("007", 3)).isEqualTo(7);
        assertThat(Digits.parse("999999999999999999", 18)).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void refusesMoreDigitsThanTheLimit() {
        assertThat(Digits.parse("1234", 3)).isEqualTo(-1);
        assertThat(Digits.parse("1614265330123", 12)).isEqualTo(-1);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-1", "+1", " 1", "1 ", "1.5", "1e3", "0x1f", "\u0661\u0662", "12a"})
    void refusesAnythingButAsciiDigits(String text) {
        assertThat(Digits.parse(text, 12)).isEqualTo(-1);
    }
}
