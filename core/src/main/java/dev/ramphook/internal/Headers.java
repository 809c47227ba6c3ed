package dev.ramphook.internal;

import dev.ramphook.Masking;
import dev.ramphook.WebhookRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which request headers are kept with an event: all but those whose name says they carry a credential, and those
 * kept with credentials inside their values masked ({@link Masking#header}: a {@code Referer} or
 * {@code X-Forwarded-Uri} that repeats the webhook URL with its {@code ?token=}). What handlers read through
 * {@code DeliveryContext} (ids, timestamps, content type, user agent, forwarding) stays; signatures were verified on
 * arrival and are never needed again, so a replay needs none of what is dropped.
 */
public final class Headers {

    /** Any of these anywhere in the name (case-insensitive): {@code X-Webhook-Key}, {@code X-Zbd-Auth-Code}. */
    private static final List<String> CREDENTIAL_WORDS = List.of("key", "auth", "token", "secret", "signature",
            "password", "cookie", "session");

    private Headers() {
    }

    static Map<String, List<String>> kept(WebhookRequest request) {
        Map<String, List<String>> kept = new HashMap<>(); // StoredEvent copies it; DeliveryContext adds case-folding
        for (String name : request.headerNames()) {
            if (!isCredential(name)) {
                List<String> values = request.headers(name);
                List<String> masked = new ArrayList<>(values.size());
                values.forEach(value -> masked.add(Masking.header(name, value)));
                kept.put(name, List.copyOf(masked));
            }
        }
        return kept;
    }

    /**
     * True for a header whose name says it carries a credential: it contains {@code key}, {@code auth},
     * {@code token}, {@code secret}, {@code signature}, {@code password}, {@code cookie} or {@code session}. Such
     * headers are never stored, never handed to a handler after verification, and never shown.
     */
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
