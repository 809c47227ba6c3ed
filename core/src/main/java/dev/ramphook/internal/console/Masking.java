package dev.ramphook.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored body as the console may show it: credentials as {@code ***}. Members whose name says they hold one
 * ({@code *token}, {@code *secret}, {@code *password}, {@code *signature}, {@code apiKey}; ZBD's {@code access_token}
 * and {@code refresh_token}) at any depth, account numbers with their last four digits only, and, inside any text,
 * URL query or fragment parameters named like a credential ({@code token}, {@code secret}, {@code key},
 * {@code signature}, {@code sig}, {@code password}, {@code code} …: ZBD's envelope {@code url} may echo the webhook
 * URL with its {@code ?token=}). The jetty example has its own copy of the member rule for its event log (examples
 * use no internal package). Only what is shown is masked: replay uses the stored body. Stateless, thread-safe.
 */
final class Masking {

    static final String MASK = "***";

    /** {@code name=value} after a URL's {@code ?}, {@code &}, {@code #} or {@code ;}, or at the start of the text. */
    private static final Pattern PARAMETER = Pattern.compile(
            "(^|[?&#;])([A-Za-z0-9_.\\-\\[\\]%]{1,100})=([^&#;\\s\"'<>]*)");

    /** A JSON string member in text that did not parse as JSON: {@code "name" : "value"}. */
    private static final Pattern MEMBER = Pattern.compile(
            "\"([^\"\\\\]{1,100})\"(\\s*:\\s*)\"((?:[^\"\\\\]++|\\\\.)*+)\"");

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
        if (data.isTextual()) {
            String text = data.asText();
            String masked = maskedParameters(text);
            return masked.equals(text) ? data : TextNode.valueOf(masked);
        }
        return data;
    }

    /**
     * The text with the value of each parameter named like a credential ({@code token=…}, {@code ?api_key=…},
     * {@code &X-Amz-Signature=…}) as {@code ***}: for URLs inside JSON strings and for bodies that are not JSON
     * (a form-encoded body is such a parameter list).
     */
    static String maskedParameters(String text) {
        if (text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = PARAMETER.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        boolean changed = false;
        while (m.find()) {
            if (!m.group(3).isEmpty() && isCredentialParameter(m.group(2))) {
                m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + MASK));
                changed = true;
            }
        }
        if (!changed) {
            return text;
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * A body that is not JSON, masked as far as text allows: credential-named parameters ({@link #maskedParameters})
     * and string members named like a credential ({@code "access_token": "…"}, as in JSON that failed to parse).
     */
    static String maskedText(String text) {
        String parameters = maskedParameters(text);
        if (parameters.indexOf('"') < 0) {
            return parameters;
        }
        Matcher m = MEMBER.matcher(parameters);
        StringBuilder b = new StringBuilder(parameters.length());
        while (m.find()) {
            String value = isSecretMember(plain(m.group(1))) ? MASK : m.group(3);
            m.appendReplacement(b, Matcher.quoteReplacement("\"" + m.group(1) + "\"" + m.group(2) + "\"" + value
                    + "\""));
        }
        return m.appendTail(b).toString();
    }

    private static JsonNode masked(String name, JsonNode value) {
        String plain = plain(name);
        if (!value.isContainerNode() && !value.isNull() && isSecretMember(plain)) {
            return TextNode.valueOf(MASK);
        }
        if (value.isTextual() && plain.equals("accountnumber")) {
            String number = value.asText();
            return TextNode.valueOf(number.length() <= 4 ? "****" : "****" + number.substring(number.length() - 4));
        }
        return masked(value);
    }

    private static String plain(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }

    private static boolean isSecretMember(String plainName) {
        return plainName.endsWith("token") || plainName.endsWith("secret") || plainName.endsWith("password")
                || plainName.endsWith("signature") || plainName.equals("apikey");
    }

    private static boolean isCredentialParameter(String name) {
        String plain = plain(name.replace("%5F", "_").replace("%5f", "_"));
        return isSecretMember(plain) || plain.endsWith("key") || plain.endsWith("credential") || plain.equals("sig")
                || plain.equals("auth") || plain.equals("code") || plain.equals("pass") || plain.equals("pwd");
    }
}
