package dev.ramphook.internal.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's HTTP answers, each with the same protective headers: no caching, no framing, no sniffing, no
 * referrer, and a Content-Security-Policy that allows nothing but the page's own nonce'd style and same-origin
 * forms. There is no script at all.
 */
final class Answers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private Answers() {
    }

    /** A fresh nonce for one page's style element. */
    static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static WebhookResponse html(int status, String nonce, String page) {
        Map<String, String> headers = common();
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'; img-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        return WebhookResponse.of(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), headers);
    }

    static WebhookResponse json(int status, JsonNode body) {
        Map<String, String> headers = common();
        headers.put("Content-Security-Policy", JSON_CSP);
        try {
            return WebhookResponse.of(status, "application/json", Json.MAPPER.writeValueAsBytes(body), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("console JSON could not be written", e);
        }
    }

    /** A small JSON error, the receiver's shape: {@code {"status":"error","error":...}}. */
    static WebhookResponse error(int status, String message, Map<String, String> extra) {
        Map<String, String> headers = common();
        headers.put("Content-Security-Policy", JSON_CSP);
        headers.putAll(extra);
        String body = "{\"status\":\"error\",\"error\":" + Json.quote(message) + "}";
        return WebhookResponse.json(status, body, headers);
    }

    /**
     * The console's icon, an inline SVG of shapes only (no text, no style, no script), linked by every page so the
     * browser never asks the host for {@code /favicon.ico}. Served behind the same authentication as the pages (the
     * browser sends the credentials it holds for them); cacheable, since it never changes.
     */
    static WebhookResponse icon() {
        Map<String, String> headers = common();
        headers.put("Cache-Control", "private, max-age=86400");
        headers.put("Content-Security-Policy", JSON_CSP);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                + "<rect width=\"32\" height=\"32\" rx=\"7\" fill=\"#161b26\"/>"
                + "<path d=\"M5 25 L27 7 L27 25 Z\" fill=\"#5b8def\"/>"
                + "<rect x=\"5\" y=\"24\" width=\"22\" height=\"2\" fill=\"#c8d0df\"/></svg>";
        return WebhookResponse.of(200, "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** 303 to a location relative to the current page (so the context path never has to be known). */
    static WebhookResponse seeOther(String relative) {
        Map<String, String> headers = common();
        headers.put("Location", relative);
        headers.put("Content-Security-Policy", JSON_CSP);
        return WebhookResponse.of(303, "text/plain; charset=utf-8", new byte[0], headers);
    }

    private static Map<String, String> common() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        return headers;
    }
}
