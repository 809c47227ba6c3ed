package dev.ramphook.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-18T11:05:00Z", "2025-01-18T11:05:00.5Z", "2025-01-18T11:05:00.123456789Z",
            "2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "0000-02-29T12:00:00Z", "0000-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z"})
    void instantsReadAsTheIsoOffsetFormatterReadsThem(String text) {
        assertThat(IsoTimes.canonicalInstant(text, true))
                .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    }

    @Test
    void instantsAgreeWithTheDateTimeOfTheSameTextForAnyValidDate() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 200_000; i++) {
            LocalDateTime t = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1, random.nextInt(24),
                    random.nextInt(60), random.nextInt(60), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            t = t.withDayOfMonth(1 + random.nextInt(t.toLocalDate().lengthOfMonth()));
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond())
                    + (t.getNano() == 0 ? "" : String.format(".%09d", t.getNano()));
            assertThat(IsoTimes.canonicalInstant(text, false)).as(text).isEqualTo(t.toInstant(ZoneOffset.UTC));
            assertThat(IsoTimes.canonicalInstant(text + "Z", true)).as(text).isEqualTo(t.toInstant(ZoneOffset.UTC));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-18T11:05Z", "2025-01-18t11:05:00z", "2025-01-18T11:05:00+01:00",
            "2025-01-18T11:05:00.Z", "2025-01-18T11:05:00.1234567890Z", "+2025-01-18T11:05:00Z",
            "2025-01-18 11:05:00Z", "2025-01-18T11:05:0xZ", "", "Z"})
    void instantsOfOtherShapesAreLeftToTheFormatter(String text) {
        assertThat(IsoTimes.canonicalInstant(text, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
            "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-01-00T00:00:00Z", "2025-04-31T00:00:00Z",
            "2025-01-18T24:00:00Z", "2025-01-18T11:60:00Z", "2025-01-18T11:05:60Z", "2025-01-18T11:05:99.5Z"})
    void instantsWithOutOfRangeFieldsAreRejectedLikeTheStrictFormatterRejectsThem(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoTimes.canonicalInstant(text, true)).isInstanceOf(DateTimeException.class);
    }
}
