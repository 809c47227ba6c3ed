package dev.ramphook.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ramphook.provider.JsonFields;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast text must be {@code Instant.toString()}'s to the character: stored deduplication keys end with it. */
class InstantTextTest {

    private static String text(Instant instant) {
        return InstantText.append(new StringBuilder("k:"), instant).toString();
    }

    @Test
    void writesWhatInstantToStringWritesAtTheEdgesOfTheFastRange() {
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000001Z",
                "1999-12-31T23:59:59.999Z", "2000-02-29T12:00:00.120Z", "2024-02-29T23:59:59.000001Z",
                "2100-03-01T00:00:00Z", "2026-12-06T10:05:00.123456789Z", "9999-12-31T23:59:59.999999999Z",
                "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "-0001-06-30T01:02:03.5Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(text(instant)).as(edge).isEqualTo("k:" + instant);
        }
        assertThat(text(Instant.MIN)).isEqualTo("k:" + Instant.MIN);
        assertThat(text(Instant.MAX)).isEqualTo("k:" + Instant.MAX);
    }

    @Test
    void writesWhatInstantToStringWritesForAMillionInstants() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 1_000_000; i++) {
            long seconds = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(text(instant)).isEqualTo("k:" + instant);
        }
    }

    @Test
    void joinsAndMeasuresWhatInstantToStringWritesForAMillionInstants() {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 1_000_000; i++) {
            long seconds = i % 50 == 0 ? random.nextLong(-100_000_000_000L, 300_000_000_000L)
                    : random.nextLong(0, 253_402_300_800L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(InstantText.joined("n", "s\u00e9", instant)).isEqualTo("n:s\u00e9:" + instant);
            assertThat(InstantText.length(instant)).isEqualTo(instant.toString().length());
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(253_402_300_799L, 999_999_999),
                Instant.ofEpochSecond(-1), Instant.ofEpochSecond(253_402_300_800L), Instant.MIN, Instant.MAX,
                Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(0, 100_000_000), Instant.ofEpochSecond(0, 10_000)}) {
            assertThat(InstantText.joined("", "", edge)).isEqualTo("::" + edge);
            assertThat(InstantText.length(edge)).isEqualTo(edge.toString().length());
        }
    }

    @Test
    void readsInstantToStringsOwnTextAndNoOtherSpellingOfTheSameInstant() {
        SplittableRandom random = new SplittableRandom(2026_12_07);
        for (int i = 0; i < 1_000_000; i++) {
            long seconds = i % 50 == 0 ? random.nextLong(-100_000_000_000L, 300_000_000_000L)
                    : random.nextLong(-62_167_219_200L, 253_402_300_800L); // years 0 to 9999
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            String canonical = instant.toString();
            boolean fourDigitYear = seconds >= -62_167_219_200L && seconds <= 253_402_300_799L;
            assertThat(InstantText.parse(canonical)).as(canonical).isEqualTo(fourDigitYear ? instant : null);
            String other = canonical.replace("Z", switch (i % 5) {
                case 0 -> "+00:00";
                case 1 -> "z";
                case 2 -> nano == 0 ? ".000Z" : "0Z";
                case 3 -> nano % 1_000_000 == 0 && nano != 0 ? "000Z" : ".000000000Z".substring(nano == 0 ? 0 : 1);
                default -> "Z ";
            });
            assertThat(InstantText.parse(other)).as(other).isNull();
            assertThat(InstantText.parse(canonical.replace('T', 't'))).isNull();
        }
        for (String other : new String[] {"2025-01-18T11:05Z", "2025-01-18T11:05:00.0Z", "2025-01-18 11:05:00Z",
                "+2025-01-18T11:05:00Z", "2025-01-18T11:05:00", "2025-01-18T12:05:00+01:00", "2025-01-18T11:05:0\u0660Z",
                "2025-01-18T11:05:00.Z", "2025-01-18T11:05:00.000Z", "2025-01-18T11:05:00.000000Z",
                "2025-01-18T11:05:00.1234Z", "2025-02-29T11:05:00Z", "2025-13-01T11:05:00Z", "2025-00-01T11:05:00Z",
                "2025-01-00T11:05:00Z", "2025-04-31T11:05:00Z", "2025-01-18T24:00:00Z", "2025-01-18T11:60:00Z",
                "2025-01-18T11:05:60Z", "2025-01-18T11:05:00/Z", "2025-01-18T11:05:00:000Z", "", "Z"}) {
            assertThat(InstantText.parse(other)).as(other).isNull();
        }
        assertThat(InstantText.parse("2024-02-29T11:05:00Z")).isEqualTo(Instant.parse("2024-02-29T11:05:00Z"));
        assertThat(InstantText.parse("2025-01-18T11:05:00.120Z")).isEqualTo(Instant.parse("2025-01-18T11:05:00.12Z"));
    }

    @Test
    void readsWhatTheProvidersLenientReaderReadsWheneverItReadsAtAll() {
        SplittableRandom random = new SplittableRandom(7);
        char[] alphabet = "0123456789-:.TZtz+ ".toCharArray();
        String seed = "2025-01-18T11:05:00.123456789Z";
        for (int i = 0; i < 1_000_000; i++) {
            char[] text = seed.substring(0, switch (random.nextInt(4)) {
                case 0 -> 19;
                case 1 -> 23;
                case 2 -> 26;
                default -> 29;
            }).concat("Z").toCharArray();
            for (int k = random.nextInt(4); k > 0; k--) {
                text[random.nextInt(text.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            String t = new String(text);
            Instant fast = InstantText.parse(t);
            if (fast != null) {
                assertThat(fast.toString()).as(t).isEqualTo(t);
                assertThat(JsonFields.instant(JsonNodeFactory.instance.objectNode().put("at", t), "at")).as(t)
                        .isEqualTo(fast);
            }
        }
    }
}
