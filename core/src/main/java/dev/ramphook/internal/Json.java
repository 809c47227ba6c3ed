package dev.ramphook.internal;

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

    private Json() {
    }

    /** Parses a delivery body that must be one JSON object. */
    public static ObjectNode parseObject(byte[] body) throws InvalidPayloadException {
        if (body.length == 0) {
            throw new InvalidPayloadException("empty body");
        }
        if (!Utf8.isWellFormedWithoutNul(body)) {
            throw new InvalidPayloadException("body is not UTF-8");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body); // bytes: no String copy of the body
        } catch (IOException | RuntimeException e) {
            // Jackson's message quotes the offending input; the client gets only the category.
            throw new InvalidPayloadException("body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidPayloadException("body is not a JSON object");
        }
        return (ObjectNode) tree;
    }

    /** {@code s} as a quoted JSON string. */
    public static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
