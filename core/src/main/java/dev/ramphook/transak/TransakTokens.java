package dev.ramphook.transak;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.internal.json.Json;
import java.io.IOException;
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

    /**
     * The most members the body may have: Transak sends one, {@code data}. A bound so that a body that is not
     * Transak's (80,000 members in a megabyte) is refused before any more of it is read.
     */
    static final int MAX_MEMBERS = 16;

    /** Why a body is not Transak's envelope; the message is the reason given to the sender. */
    static final class NotEnvelope extends Exception {
        private static final long serialVersionUID = 1L;

        NotEnvelope(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The token text of a body not yet authenticated, read token by token without building the body's tree: other
     * members' values are skipped, and at most {@link #MAX_MEMBERS} members are read. The whole body is parsed
     * (and every check of {@link Json#parseObject} made) only after the signature matched.
     *
     * @throws NotEnvelope when the body is not one JSON object with a non-empty string {@code data}
     */
    static String token(byte[] body) throws NotEnvelope {
        NotEnvelope wrongShape = new NotEnvelope("body is not {\"data\": \"<JWT>\"}");
        if (body.length == 0) {
            throw wrongShape;
        }
        String token = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) { // refuses duplicate names
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw wrongShape;
            }
            int members = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                if (++members > MAX_MEMBERS) {
                    throw new NotEnvelope("body has more than " + MAX_MEMBERS + " members: Transak sends "
                            + "{\"data\": \"<JWT>\"}");
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(name) && value == JsonToken.VALUE_STRING) {
                    token = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw wrongShape;
            }
        } catch (IOException | RuntimeException malformed) {
            throw wrongShape;
        }
        if (token == null || token.isEmpty()) {
            throw wrongShape;
        }
        return token;
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
