package dev.ramphook.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-18T11:05:00Z", "2025-01-18T11:05:00.5Z", "2025-01-18T11:05:00.123Z",
            "2025-01-18T11:05:00.123456789Z", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z"})
    void zuluTimesReadAsTheIsoOffsetFormatterReadsThem(String text) {
        assertThat(IsoTimes.canonical(text, true).toInstant(ZoneOffset.UTC))
                .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-08T12:23:51", "2025-01-08T12:23:51.9", "2025-01-08T12:23:51.908663",
            "2025-01-08T12:23:51.908663123"})
    void zonelessTimesReadAsTheLocalFormatterReadsThem(String text) {
        assertThat(IsoTimes.canonical(text, false)).isEqualTo(LocalDateTime.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-18T11:05Z", "2025-01-18t11:05:00z", "2025-01-18T11:05:00+01:00",
            "2025-01-18T11:05:00.Z", "2025-01-18T11:05:00.1234567890Z", "+2025-01-18T11:05:00Z",
            "2025-01-18 11:05:00Z", "2025-01-18T11:05:0xZ", "", "Z"})
    void otherShapesAreLeftToTheFormatter(String text) {
        assertThat(IsoTimes.canonical(text, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
            "2025-01-18T24:00:00Z", "2025-01-18T11:60:00Z", "2025-01-18T11:05:60Z"})
    void outOfRangeFieldsAreRejectedLikeTheStrictFormatterRejectsThem(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoTimes.canonical(text, true)).isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-08T12:23:51.908663", "2025-01-08T12:23", "2025-01-08", "yesterday", ""})
    void textsWithoutAnOffsetAreNotGivenToTheOffsetFormatter(String text) {
        assertThat(IsoTimes.mayHaveOffset(text)).isFalse();
        assertThatThrownBy(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-18T11:05Z", "2025-01-18t11:05:00z", "2025-01-18T11:05:00+01:00",
            "2025-01-18T11:05:00-05:00"})
    void textsWithAnOffsetAreGivenToTheOffsetFormatter(String text) {
        assertThat(IsoTimes.mayHaveOffset(text)).isTrue();
    }
}
