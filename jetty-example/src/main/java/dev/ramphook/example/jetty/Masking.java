package dev.ramphook.example.jetty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;

/**
 * Shows provider data the way the typed records print it: bearer tokens and secrets as {@code ***} (ZBD's
 * {@code access_token} and {@code refresh_token}, as {@code ZbdAccessToken} prints them), account numbers with their
 * last four digits only (as meCash's {@code RampRecipient} prints them). Matched by member name at any depth, so an
 * event no provider documents yet is masked too.
 */
final class Masking {

    private Masking() {
    }

    /** A masked copy; {@code data} itself is not changed. */
    static JsonNode masked(JsonNode data) {
        if (data.isObject()) {
            ObjectNode copy = ((ObjectNode) data).objectNode();
            for (Map.Entry<String, JsonNode> member : data.properties()) {
                copy.set(member.getKey(), masked(member.getKey(), member.getValue()));
            }
            return copy;
        }
        if (data.isArray()) {
            ArrayNode copy = ((ArrayNode) data).arrayNode();
            data.forEach(element -> copy.add(masked(element)));
            return copy;
        }
        return data;
    }

    private static JsonNode masked(String name, JsonNode value) {
        String plain = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (!value.isContainerNode() && !value.isNull() && isSecret(plain)) {
            return TextNode.valueOf("***");
        }
        if (value.isTextual() && plain.equals("accountnumber")) {
            String number = value.asText();
            return TextNode.valueOf(number.length() <= 4 ? "****" : "****" + number.substring(number.length() - 4));
        }
        return masked(value);
    }

    private static boolean isSecret(String plainName) {
        return plainName.endsWith("token") || plainName.endsWith("secret") || plainName.endsWith("password")
                || plainName.equals("apikey");
    }
}
