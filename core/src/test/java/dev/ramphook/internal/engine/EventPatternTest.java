package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "PAYMENT.SETTLED, PAYMENT.SETTLED, true",
            "payment.settled, PAYMENT.SETTLED, true",
            "PAYMENT.SETTLED, PAYMENT.FAILED, false",
            "PAYMENT.*, PAYMENT.SETTLED, true",
            "PAYMENT.*, PAYMENT, false",
            "PAYMENT.*, WITHDRAWAL.SUCCEEDED, false",
            "ramp.payout.*, ramp.payout.completed, true",
            "ramp.*, ramp.payout.completed, true",
            "*.FAILED, PAYMENT.FAILED, true",
            "*.FAILED, RAMP_WIDGET.V1.PAYMENT.FAILED, false",
            "ramp.*.completed, ramp.payout.completed, true",
            "ramp.*.completed, ramp.payout.failed, false",
            "*, anything.at.all, true",
            "payout.completed, ramp.payout.completed, false",
            "RAMP_WIDGET.V1.PAYMENT.SETTLED, RAMP_WIDGET.V1.PAYMENT.SETTLED, true",
    })
    void matchesWholeSegments(String pattern, String name, boolean expected) {
        assertThat(EventPattern.parse(pattern).matches(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PAY*", "PAYMENT..SETTLED", ".PAYMENT", "PAYMENT.", "PAYMENT SETTLED", "**"})
    void rejectsMalformedPatterns(String pattern) {
        assertThatThrownBy(() -> EventPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIgnoresCase() {
        assertThat(EventPattern.parse("payment.*")).isEqualTo(EventPattern.parse("PAYMENT.*"));
    }
}
