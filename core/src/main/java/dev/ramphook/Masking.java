package dev.ramphook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ramphook.internal.text.CredentialHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook data as it may be shown or written for people: credentials as {@value #MASK}. One rule for every place a
 * body, a header or an error message is shown (the operator console, its JSON API and "copy as curl", the examples'
 * {@code /events} and {@code EVENT_LOG}); stores keep what was received, because replay needs it.
 *
 * <ul>
 *   <li><b>Members</b>, at any depth, named (case-insensitively, {@code -}, {@code _} and {@code .} ignored) like a
 *       credential: ending in {@code token}, {@code secret}, {@code password}, {@code passphrase}, {@code signature},
 *       {@code apikey} ({@code x-api-key}), {@code privatekey}, {@code signingkey}, {@code secretkey},
 *       {@code seedphrase} or {@code mnemonic}, or exactly {@code pin}, {@code cvv}, {@code cvc}. An
 *       {@code account_number} keeps its last four digits.</li>
 *   <li><b>Card numbers</b> in any string or number: 13 to 19 digits (spaces or dashes between them allowed)
 *       starting with 2 to 6, as the card networks' numbers do, and passing the Luhn check, shown as {@code ****}
 *       and the last four digits. Millisecond timestamps and amounts start with 1 or are not Luhn-valid, and are
 *       kept.</li>
 *   <li><b>URL parameters</b> inside any text ({@code ?token=}, {@code &sig=}, {@code #access_token=},
 *       {@code ;key=}): names ending in {@code key} or {@code credential}, the member names above, and
 *       {@code sig}, {@code auth}, {@code code}, {@code pass}, {@code pwd}. {@code name=value} after a space is
 *       masked too (an error message's {@code password=…}), except {@code code}, which there is usually a status.</li>
 *   <li><b>Text</b>: {@code Bearer …} and {@code Basic …} credentials, and {@code "name": value} members named like a
 *       credential in JSON that did not parse (an error message quoting a body).</li>
 *   <li><b>Headers</b>: the whole value when the name contains {@code key}, {@code auth}, {@code token},
 *       {@code secret}, {@code signature}, {@code password}, {@code cookie} or {@code session}
 *       ({@code X-Webhook-Key}, {@code Api_Key}, {@code X-Zbd-Auth-Code}; the receiver does not store those either);
 *       otherwise the URL-parameter and {@code Bearer}/{@code Basic} rules ({@code Referer: …/webhooks/zbd?token=***}).
 *       Not the card rule: a numeric request id must stay what it is (stored values get the same treatment, and
 *       handlers read them).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; linear in the input.
 */
public final class Masking {

    /** What a credential is replaced with. */
    public static final String MASK = "***";

    /** {@code name=value} after a URL's {@code ?}, {@code &}, {@code #} or {@code ;}, a space or the start. */
    private static final Pattern PARAMETER = Pattern.compile(
            "(^|[?&#;\\s])([A-Za-z0-9_.\\-\\[\\]%]{1,100})=([^&#;\\s\"'<>]*)");

    /** A JSON member in text that did not parse as JSON: {@code "name" : "value"} or {@code "name": 1234}. */
    private static final Pattern MEMBER = Pattern.compile(
            "\"([^\"\\\\]{1,100})\"(\\s*:\\s*)(\"(?:[^\"\\\\]++|\\\\.)*+\"|-?[0-9][0-9.eE+-]{0,40})");

    /** An HTTP authorization credential quoted in text. */
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic)(\\s+)[A-Za-z0-9._~+/=-]{6,}");

    /** A card-number candidate: 13 to 19 digits, the first 2 to 6, single spaces or dashes between digits. */
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])");

    private Masking() {
    }

    /**
     * A masked copy of a JSON document (a body, or a part such as its {@code data}); {@code data} is not changed.
     *
     * @param data any JSON tree
     * @return the same tree when there is nothing to mask, else a copy with credentials as {@value #MASK}
     */
    public static JsonNode json(JsonNode data) {
        if (data.isObject()) {
            ObjectNode copy = ((ObjectNode) data).objectNode();
            for (Map.Entry<String, JsonNode> member : data.properties()) {
                copy.set(member.getKey(), member(member.getKey(), member.getValue()));
            }
            return copy;
        }
        if (data.isArray()) {
            ArrayNode copy = ((ArrayNode) data).arrayNode();
            data.forEach(element -> copy.add(json(element)));
            return copy;
        }
        if (data.isTextual()) {
            String text = data.asText();
            String masked = text(text);
            return masked.equals(text) ? data : TextNode.valueOf(masked);
        }
        if (data.isIntegralNumber()) {
            String digits = data.asText();
            return isCard(digits) ? TextNode.valueOf(card(digits)) : data;
        }
        return data;
    }

    /**
     * Text masked as far as text allows: a body that is not JSON (a form), a string inside JSON, an error message,
     * a URL. Credential URL parameters, authorization credentials, credential members and card numbers.
     *
     * @param text any text, or null
     * @return the masked text; the same instance when there is nothing to mask; null for null
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        return cards(members(scheme(parameters(text))));
    }

    /**
     * A request header's value as it may be shown: {@value #MASK} when the name says it carries a credential,
     * otherwise the value with its credential URL parameters and {@code Bearer}/{@code Basic} credentials masked
     * ({@code Referer}, {@code X-Original-URL} and {@code X-Forwarded-Uri} may repeat a webhook URL with its
     * {@code ?token=}).
     *
     * @param name  the header name, in any case
     * @param value its value
     * @return the value as it may be shown
     */
    public static String header(String name, String value) {
        return CredentialHeaders.isCredential(name) ? MASK : value == null ? null : scheme(parameters(value));
    }

    private static JsonNode member(String name, JsonNode value) {
        String plain = plain(name);
        if (!value.isContainerNode() && !value.isNull() && isSecretMember(plain)) {
            return TextNode.valueOf(MASK);
        }
        if (value.isTextual() && plain.equals("accountnumber")) {
            String number = value.asText();
            return TextNode.valueOf(number.length() <= 4 ? "****" : "****" + number.substring(number.length() - 4));
        }
        return json(value);
    }

    private static String parameters(String text) {
        if (text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = PARAMETER.matcher(text);
        StringBuilder b = null;
        while (m.find()) {
            String name = m.group(2);
            boolean afterSpace = !m.group(1).isEmpty() && Character.isWhitespace(m.group(1).charAt(0));
            if (!m.group(3).isEmpty() && isCredentialParameter(name) && !(afterSpace && plain(name).equals("code"))) {
                if (b == null) {
                    b = new StringBuilder(text.length());
                }
                m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + name + "=" + MASK));
            }
        }
        return b == null ? text : m.appendTail(b).toString();
    }

    private static String scheme(String text) {
        if (text.length() < 12 || !mentionsScheme(text)) {
            return text; // most header values: no matcher built for them
        }
        Matcher m = SCHEME.matcher(text);
        StringBuilder b = null;
        while (m.find()) {
            if (b == null) {
                b = new StringBuilder(text.length());
            }
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        }
        return b == null ? text : m.appendTail(b).toString();
    }

    /**
     * Whether {@code text} contains {@code bearer} or {@code basic} in any case, without copying it: compared only
     * where a {@code b} or {@code B} stands (no other character, ASCII or not, is a {@code b} ignoring case).
     */
    private static boolean mentionsScheme(String text) {
        for (int i = 0, last = text.length() - "basic".length(); i <= last; i++) {
            if ((text.charAt(i) | 0x20) == 'b'
                    && (text.regionMatches(true, i, "bearer", 0, 6) || text.regionMatches(true, i, "basic", 0, 5))) {
                return true;
            }
        }
        return false;
    }

    private static String members(String text) {
        if (text.indexOf('"') < 0) {
            return text;
        }
        Matcher m = MEMBER.matcher(text);
        StringBuilder b = null;
        while (m.find()) {
            if (isSecretMember(plain(m.group(1)))) {
                if (b == null) {
                    b = new StringBuilder(text.length());
                }
                m.appendReplacement(b, Matcher.quoteReplacement("\"" + m.group(1) + "\"" + m.group(2) + "\"" + MASK
                        + "\""));
            }
        }
        return b == null ? text : m.appendTail(b).toString();
    }

    private static String cards(String text) {
        if (!hasCardDigits(text)) {
            return text; // most strings of a body (ids, names, statuses, amounts): no matcher built for them
        }
        Matcher m = CARD.matcher(text);
        StringBuilder b = null;
        while (m.find()) {
            if (isCard(m.group())) {
                if (b == null) {
                    b = new StringBuilder(text.length());
                }
                m.appendReplacement(b, card(m.group()));
            }
        }
        return b == null ? text : m.appendTail(b).toString();
    }

    /**
     * Whether {@code text} has what {@link #CARD} needs at the least: a digit 2 to 6 and 12 more digits after it,
     * with no more than one space or dash between two of them. One pass, no allocation.
     */
    private static boolean hasCardDigits(String text) {
        int digits = 0; // of the current run, from its first digit 2 to 6 on; 0 when it has none yet
        boolean afterDigit = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 || (c >= '2' && c <= '6')) {
                    if (++digits >= 13) {
                        return true;
                    }
                }
                afterDigit = true;
            } else if ((c == ' ' || c == '-') && afterDigit) {
                afterDigit = false; // one separator: the run goes on if a digit follows
            } else {
                digits = 0;
                afterDigit = false;
            }
        }
        return false;
    }

    /** 13 to 19 digits (separators ignored), the first 2 to 6, Luhn-valid. */
    private static boolean isCard(String candidate) {
        String digits = candidate.replace(" ", "").replace("-", "");
        if (digits.length() < 13 || digits.length() > 19 || digits.charAt(0) < '2' || digits.charAt(0) > '6') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(digits.length() - 1 - i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static String card(String candidate) {
        String digits = candidate.replace(" ", "").replace("-", "");
        return "****" + digits.substring(digits.length() - 4);
    }

    private static String plain(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }

    private static boolean isSecretMember(String plain) {
        return plain.endsWith("token") || plain.endsWith("secret") || plain.endsWith("password")
                || plain.endsWith("passphrase") || plain.endsWith("signature") || plain.endsWith("apikey")
                || plain.endsWith("privatekey") || plain.endsWith("signingkey") || plain.endsWith("secretkey")
                || plain.endsWith("seedphrase") || plain.endsWith("mnemonic")
                || plain.equals("pin") || plain.equals("cvv") || plain.equals("cvc");
    }

    private static boolean isCredentialParameter(String name) {
        String plain = plain(name.replace("%5F", "_").replace("%5f", "_"));
        return isSecretMember(plain) || plain.endsWith("key") || plain.endsWith("credential") || plain.equals("sig")
                || plain.equals("auth") || plain.equals("code") || plain.equals("pass") || plain.equals("pwd");
    }
}
