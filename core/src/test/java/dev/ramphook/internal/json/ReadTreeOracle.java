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
        if (mayEscapeSurrogate(body) && Json.hasLoneSurrogate(tree)) {
            throw new InvalidPayloadException("body is not UTF-8: a string holds an unpaired surrogate escape");
        }
        return (ObjectNode) tree;
    }

    /** The byte-by-byte scan for a backslash-u escape of a surrogate, as it was until 2026-12-06. */
    static boolean mayEscapeSurrogate(byte[] body) {
        for (int i = 0; i + 3 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && (body[i + 2] | 0x20) == 'd') {
                int c = body[i + 3] | 0x20;
                if (c == '8' || c == '9' || (c >= 'a' && c <= 'f')) {
                    return true;
                }
            }
        }
        return false;
    }
}
