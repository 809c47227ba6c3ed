package dev.ramphook.internal;

import dev.ramphook.WebhookRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;

/** Which request headers are kept with an event: all but those that carry credentials. */
public final class Headers {

    private static final List<String> CREDENTIAL_WORDS =
            List.of("signature", "token", "secret", "authorization", "cookie", "api-key", "apikey", "password");

    private Headers() {
    }

    static Map<String, List<String>> kept(WebhookRequest request) {
        Map<String, List<String>> kept = new HashMap<>(); // StoredEvent copies it; DeliveryContext adds case-folding
        for (String name : request.headerNames()) {
            if (!isCredential(name)) {
                kept.put(name, List.copyOf(request.headers(name)));
            }
        }
        return kept;
    }

    /** True for a header whose name says it carries a credential; such headers are never stored nor shown. */
    public static boolean isCredential(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : CREDENTIAL_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
