package dev.ramphook.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UTF-8 check done inside {@link CommonShapeReader}'s one pass, not before it: the common-shape reader must take
 * no body that {@link Utf8#isWellFormedWithoutNul} refuses (a malformed sequence, NUL, anywhere: in a string, a name,
 * between tokens, at the end), and {@link Json#parseObject} must give every body the outcome of the old pair (the
 * separate check, then the reader: {@link ReadTreeOracle}), message for message. Bodies are valid documents with
 * one or two byte sequences spliced in at random places, from a seeded generator, so a failure names its body.
 */
class OnePassUtf8Test {

    private static final CommonShapeReader COMMON = new CommonShapeReader(Json.MAPPER.getNodeFactory());

    /** Malformed: overlong, surrogates D800-DFFF, above U+10FFFF, truncated, lone or bad continuations, NUL. */
    private static final String[] MALFORMED = {
            "c0af", "c1bf", "c080", "e080af", "e09fbf", "f08080af", "f08fbfbf", "eda080", "edbfbf", "edb080",
            "f4908080", "f5808080", "f7bfbfbf", "f888808080", "fe", "ff", "c3", "e282", "f09f98", "80", "bf",
            "8080", "c328", "e228a1", "e28228", "f0288cbc", "f09028bc", "f0908c28", "00", "c300", "e28200",
            "eda0bdedb880"};
    /** Well-formed non-ASCII (and DEL), including the edges of each range. */
    private static final String[] WELL_FORMED = {
            "c2a0", "c3a9", "dfbf", "e0a080", "e282ac", "ed9fbf", "ee8080", "efbbbf", "efbfbf", "f0908080",
            "f09f9880", "f48fbfbf", "7f", "e4b8ad"};
    /** Valid documents of the common shape; {@code |} marks the places where a sequence may be spliced in. */
    private static final String[] DOCUMENTS = {
            "|{|\"event\"|:|\"a|bcdefghij|klmnopq|\"|,|\"data\"|:|{|\"na|me\"|:|\"x|y\"|}|}|",
            "{\"|abcdefgh|ijklmnop|\":\"|abcdefgh|ijklmnopqrstuvw|\",\"b\":[|1|,|\"|é|\"|,|true|]|}|",
            "{\"a\":\"x\\n|y\\u00e9|z\\\"|\",\"é|\":\"€|\",\"c|\":null|,\"d\":-1.5|}",
            "{\"s\":\"|0123456|7|01234567|0123456|7|\",\"t\":{\"u\":\"v|\"}|}",
            "{\"a\":\"|\\t|abcdefghijklmnop|\\\\|q|\",|\"b\":\"😀|\"}"};

    @ParameterizedTest
    @ValueSource(strings = {
            "7b2261223a2278c0af227d", // {"a":"x<overlong />"}
            "7b2261223a22eda080227d", // a surrogate in a string
            "7b2261223a22f4908080227d", // above U+10FFFF in a string
            "7b2261223a22c3227d", // truncated: a lead before the closing quote
            "7b22c3a9c0af223a317d", // an overlong in a name after a well-formed character
            "7b2261223a225c6ec0af227d", // after an escape
            "7b2261223a223031323334353637eda080227d", // after eight ASCII bytes
            "7b2261223a2278227d00", // NUL after the object
            "7b2261223a22780079227d", // NUL in a string
            "7b2261223a22e282"}) // truncated by the end of the body
    void commonShapeReaderTakesNoMalformedBody(String hex) throws InvalidPayloadException {
        byte[] body = HexFormat.of().parseHex(hex);
        assertThat(Utf8.isWellFormedWithoutNul(body)).as("malformed").isFalse();
        assertThat(COMMON.read(body)).as("taken by the common-shape reader: %s", hex).isNull();
        assertSameOutcome(0, body);
    }

    @Test
    void agreesWithTheSeparateCheckOnSplicedSequences() {
        Random seeds = new Random(2026120621);
        Map<String, Integer> outcomes = new TreeMap<>();
        int taken = 0;
        for (int run = 0; run < 60_000; run++) {
            long seed = seeds.nextLong();
            byte[] body = splice(new Random(seed));
            outcomes.merge(assertSameOutcome(seed, body), 1, Integer::sum);
            ObjectNode common;
            try {
                common = COMMON.read(body);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e + " for " + HexFormat.of().formatHex(body), e);
            }
            if (common != null) {
                taken++;
                assertThat(Utf8.isWellFormedWithoutNul(body)).as("seed %d: the common-shape reader took %s", seed,
                        HexFormat.of().formatHex(body)).isTrue();
            }
        }
        // Both sides must be exercised: bodies refused as not UTF-8, and non-ASCII bodies the reader takes itself.
        assertThat(outcomes.get("body is not UTF-8")).as("outcomes %s", outcomes).isGreaterThan(20_000);
        assertThat(outcomes.get("accepted")).as("outcomes %s", outcomes).isGreaterThan(10_000);
        assertThat(taken).as("taken by the common-shape reader; outcomes %s", outcomes).isGreaterThan(10_000);
    }

    /** A document with one or two sequences spliced in at its marked places (or anywhere, now and then). */
    private static byte[] splice(Random random) {
        String[] parts = DOCUMENTS[random.nextInt(DOCUMENTS.length)].split("\\|", -1);
        int places = parts.length - 1;
        int first = random.nextInt(places);
        int second = random.nextInt(3) == 0 ? random.nextInt(places) : -1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p < parts.length; p++) {
            out.writeBytes(parts[p].getBytes(StandardCharsets.UTF_8));
            if (p == first || p == second) {
                String[] from = random.nextBoolean() ? MALFORMED : WELL_FORMED;
                out.writeBytes(HexFormat.of().parseHex(from[random.nextInt(from.length)]));
            }
        }
        byte[] body = out.toByteArray();
        int d = random.nextInt(20);
        if (d == 0) { // cut anywhere: sequences truncated by the end of the body
            return java.util.Arrays.copyOf(body, 1 + random.nextInt(body.length));
        }
        if (d == 1) { // one arbitrary byte anywhere
            body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
        return body;
    }

    /** "accepted" or the refusal; fails unless {@link Json#parseObject} and the old pair agree on {@code body}. */
    private static String assertSameOutcome(long seed, byte[] body) {
        String hex = HexFormat.of().formatHex(body);
        ObjectNode expected = null;
        String expectedRefusal = null;
        try {
            expected = ReadTreeOracle.parseObject(body); // the separate UTF-8 check, then readTree
        } catch (InvalidPayloadException e) {
            expectedRefusal = e.getMessage();
        }
        ObjectNode actual = null;
        String actualRefusal = null;
        try {
            actual = Json.parseObject(body);
        } catch (InvalidPayloadException e) {
            actualRefusal = e.getMessage();
        } catch (RuntimeException e) {
            fail("seed %d: %s escaped for %s", seed, e, hex);
        }
        assertThat(actualRefusal).as("seed %d: refusal of %s", seed, hex).isEqualTo(expectedRefusal);
        assertThat(actual).as("seed %d: tree of %s", seed, hex).isEqualTo(expected);
        return expected != null ? "accepted" : expectedRefusal;
    }
}
