package dev.ramphook.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The lenient shapes the kit's readers accept, and that an odd field is null rather than an exception. */
class JsonFieldsTest {

    /** As the receiver reads bodies: exact decimals that keep their scale. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void moneyComesFromNumbersAndNumericStringsExactly() throws Exception {
        JsonNode data = json("{\"n\":100.10,\"s\":\" 0.0025 \",\"bad\":\"ten\",\"bool\":true,\"huge\":\"1e999999999\"}");

        assertThat(JsonFields.decimal(data, "n")).isEqualTo(new BigDecimal("100.10"));
        assertThat(JsonFields.decimal(data, "s")).isEqualTo(new BigDecimal("0.0025"));
        assertThat(JsonFields.decimal(data, "bad")).isNull();
        assertThat(JsonFields.decimal(data, "bool")).isNull();
        assertThat(JsonFields.decimal(data, "huge")).isNull();
        assertThat(JsonFields.decimal(data, "missing")).isNull();
    }

    @Test
    void plainAmountsReadAsTheBigDecimalConstructorReadsThem() {
        for (String plain : new String[] {"100.00", "0.0025", "-0.00", "+5", ".5", "5.", "007.50", "-12.345",
                "999999999999999999", "0.00000000000000001"}) {
            assertThat(JsonFields.plainDecimal(plain)).as(plain).isEqualTo(new BigDecimal(plain)); // value and scale
        }
        for (String other : new String[] {"1000000000000000000", "0.000000000000000001", "1e3", "1E-2", ".", "",
                "-", "+.", "1.2.3", "1,5", "\u0661", "--1", " 1", "1 ", "1-"}) {
            assertThat(JsonFields.plainDecimal(other)).as("left to the constructor: %s", other).isNull();
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(21);
        for (int i = 0; i < 100_000; i++) {
            String digits = Long.toString(random.nextLong(0, 1_000_000_000_000_000_000L));
            int point = random.nextInt(digits.length() + 2) - 1;
            String text = (random.nextBoolean() ? "-" : "") + (point < 0 ? digits
                    : digits.substring(0, Math.min(point, digits.length())) + "." + digits.substring(Math.min(point,
                    digits.length())));
            assertThat(JsonFields.plainDecimal(text)).as(text).isEqualTo(new BigDecimal(text));
        }
    }

    @Test
    void timesWithAZoneWithoutOneOrAsEpochNumbers() throws Exception {
        JsonNode data = json("{\"z\":\"2025-01-18T10:30:00Z\",\"o\":\"2025-01-18T11:30:00+01:00\","
                + "\"local\":\"2025-01-08T12:23:51.908663\",\"nine\":\"2025-01-08T12:23:51.123456789\","
                + "\"secs\":1737196200,\"millis\":1737196200000,\"text\":\"1737196200\",\"neg\":\"x1\"}");
        Instant expected = Instant.parse("2025-01-18T10:30:00Z");

        assertThat(JsonFields.instant(data, "z")).isEqualTo(expected);
        assertThat(JsonFields.instant(data, "o")).isEqualTo(expected);
        assertThat(JsonFields.instant(data, "local")).isNull();
        assertThat(JsonFields.localDateTime(data, "local")).isEqualTo(LocalDateTime.parse("2025-01-08T12:23:51.908663"));
        assertThat(JsonFields.instantAssumingUtc(data, "nine")).isEqualTo(Instant.parse("2025-01-08T12:23:51.123456789Z"));
        assertThat(JsonFields.epochInstant(data, "secs")).isEqualTo(Instant.parse("2025-01-18T10:30:00Z"));
        assertThat(JsonFields.epochInstant(data, "millis")).isEqualTo(Instant.parse("2025-01-18T10:30:00Z"));
        assertThat(JsonFields.epochInstant(data, "text")).isEqualTo(Instant.parse("2025-01-18T10:30:00Z"));
        assertThat(JsonFields.epochInstant(data, "neg")).isNull();
        assertThat(JsonFields.epochInstant(data, "z")).isNull();
    }

    @Test
    void idsAreNonBlankStringsOrIntegers() throws Exception {
        JsonNode data = json("{\"s\":\"tx-1\",\"i\":12345678901234567890,\"blank\":\"\",\"f\":1.5}");

        assertThat(JsonFields.idText(data, "s")).isEqualTo("tx-1");
        assertThat(JsonFields.idText(data, "i")).isEqualTo("12345678901234567890");
        assertThat(JsonFields.idText(data, "blank")).isNull();
        assertThat(JsonFields.idText(data, "f")).isNull();
    }

    @Test
    void readersOfANullOrNonObjectAnswerNull() throws Exception {
        assertThat(JsonFields.text(null, "a")).isNull();
        assertThat(JsonFields.text(json("[1]"), "a")).isNull();
        assertThat(JsonFields.map(json("{\"m\":1}"), "m")).isEmpty();
    }
}
