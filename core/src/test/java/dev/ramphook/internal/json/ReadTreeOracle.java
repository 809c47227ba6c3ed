package dev.ramphook.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import java.io.IOException;

/**
 * The library's reader as it was until 2026-12-06: {@link Json#MAPPER}'s {@code readTree} with strict duplicate
 * detection, after the same UTF-8 check, then the same lone-surrogate check. Kept as the oracle that the direct
 * reader ({@link Json#parseObject}) must agree with on every input, tree for tree and refusal for refusal.
 */
final class ReadTreeOracle {

    private ReadTreeOracle() {
    }

    static ObjectNode parseObject(byte[] body) throws InvalidPayloadException {
        if (body.length == 0) {
            throw new InvalidPayloadException("empty body");
        }
        if (!Utf8.isWellFormedWithoutNul(body)) {
            throw new InvalidPayloadException("body is not UTF-8");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new InvalidPayloadException("body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidPayloadException("body is not a JSON object");
        }
        if (Json.mayEscapeSurrogate(body) && Json.hasLoneSurrogate(tree)) {
            throw new InvalidPayloadException("body is not UTF-8: a string holds an unpaired surrogate escape");
        }
        return (ObjectNode) tree;
    }
}
