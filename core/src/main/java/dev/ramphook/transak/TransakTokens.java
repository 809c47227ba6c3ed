package dev.ramphook.transak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.internal.Json;
import java.util.Base64;

/** Reads the JWT in Transak's {@code {"data": "<JWT>"}} body. Every reader answers null for a wrong shape. */
final class TransakTokens {

    private TransakTokens() {
    }

    /** The token text of {@code data}, or null when it is not a non-empty string. */
    static String token(ObjectNode body) {
        JsonNode data = body.get("data");
        return data != null && data.isTextual() && !data.textValue().isEmpty() ? data.textValue() : null;
    }

    /** The token's claims (its middle part) as a JSON object, or null. Does not check the signature. */
    static ObjectNode claims(ObjectNode body) {
        String token = token(body);
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 ? decodeObject(parts[1]) : null;
    }

    /** A base64url (unpadded, as JWTs write it; padding tolerated) JSON object, or null. */
    static ObjectNode decodeObject(String part) {
        byte[] bytes = base64Url(part);
        if (bytes == null) {
            return null;
        }
        try {
            return Json.parseObject(bytes);
        } catch (InvalidPayloadException e) {
            return null;
        }
    }

    static byte[] base64Url(String part) {
        if (part.isEmpty()) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
