package dev.ramphook.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import java.io.IOException;
import java.util.Map;

/** The one JSON reader for deliveries, with limits set deliberately because bodies come from the internet. */
public final class Json {

    /**
     * Webhook documents are small and shallow: these limits stop hostile bodies (deep nesting, megabyte numbers)
     * long before they cost memory or CPU, while leaving room above anything a provider sends.
     */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxNumberLength(256)
            .maxStringLength(1 << 20)
            .maxNameLength(1024)
            .build();

    /** Amounts must never pass through double; duplicate keys would make a signed body ambiguous. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false) // 100.10 keeps its scale
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The same parser settings as {@link #MAPPER}'s, building the same nodes, without its per-call machinery. */
    private static final TreeReader READER = new TreeReader(MAPPER.getFactory(), MAPPER.getNodeFactory());
    /** The same nodes again, for the common shape, read from the bytes without Jackson's parser. */
    private static final CommonShapeReader COMMON = new CommonShapeReader(MAPPER.getNodeFactory());

    private Json() {
    }

    /** Parses a delivery body that must be one JSON object. */
    public static ObjectNode parseObject(byte[] body) throws InvalidPayloadException {
        if (body.length == 0) {
            throw new InvalidPayloadException("empty body");
        }
        ObjectNode common;
        try {
            common = COMMON.read(body);
        } catch (RuntimeException e) {
            common = null; // a reader bug must not become a 500: the old path decides, as for any other shape
        }
        if (common != null) {
            return common; // valid UTF-8 and JSON, no escaped surrogate, nothing the limits refuse: nothing to check
        }
        // Checked here, not before the common-shape reader, which checks the bytes it takes as it reads them: one
        // pass over the body instead of two, and every body it passes on meets this check first, as before.
        if (!Utf8.isWellFormedWithoutNul(body)) {
            throw new InvalidPayloadException("body is not UTF-8");
        }
        JsonNode tree;
        try {
            tree = READER.readObject(body); // bytes: no String copy of the body
            if (tree == null) { // not an object: readTree tells an invalid body from another kind of value
                tree = MAPPER.readTree(body);
            }
        } catch (IOException | RuntimeException e) {
            // Jackson's message quotes the offending input; the client gets only the category.
            throw new InvalidPayloadException("body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidPayloadException("body is not a JSON object");
        }
        if (mayEscapeSurrogate(body) && hasLoneSurrogate(tree)) {
            // Escaped (backslash-u D800), a half of a pair passes the byte check yet is no character: no handler could
            // write it as UTF-8 (a log, a database), so it would fail on every redelivery. Refused as not UTF-8.
            throw new InvalidPayloadException("body is not UTF-8: a string holds an unpaired surrogate escape");
        }
        return (ObjectNode) tree;
    }

    /**
     * False when the body holds no backslash-u escape of a surrogate (D800 to DFFF); raw
     * surrogates are already refused as malformed UTF-8, so only then can a parsed string hold one. A cheap scan
     * that spares the tree walk for nearly every body; an escaped backslash followed by {@code ud8…} gives a false
     * positive, which the walk settles. Eight bytes are tested at once for a backslash, which most bodies lack.
     */
    static boolean mayEscapeSurrogate(byte[] body) {
        for (int i = 0; i + 3 < body.length; i++) {
            if (i + 8 <= body.length) { // eight bytes at a time while none is a backslash
                long x = ((long) Utf8.LONGS.get(body, i)) ^ (Utf8.ONES * '\\');
                if (((x - Utf8.ONES) & ~x & Utf8.HIGHS) == 0) { // no zero byte in x: no backslash in these eight
                    i += 7;
                    continue;
                }
            }
            if (body[i] == '\\' && body[i + 1] == 'u' && (body[i + 2] | 0x20) == 'd') {
                int c = body[i + 3] | 0x20;
                if (c == '8' || c == '9' || (c >= 'a' && c <= 'f')) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a field name or string value anywhere in the tree holds a surrogate that is not half of a pair. */
    static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.textValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (hasLoneSurrogate(e.getKey()) || hasLoneSurrogate(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasLoneSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} as a quoted JSON string. */
    public static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
