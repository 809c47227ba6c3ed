package dev.ramphook.internal.engine;

import dev.ramphook.Masking;
import dev.ramphook.WebhookRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which request headers are kept with an event: all but those whose name says they carry a credential, and those
 * kept with credentials inside their values masked ({@link Masking#header}: a {@code Referer} or
 * {@code X-Forwarded-Uri} that repeats the webhook URL with its {@code ?token=}). What handlers read through
 * {@code DeliveryContext} (ids, timestamps, content type, user agent, forwarding) stays; signatures were verified on
 * arrival and are never needed again, so a replay needs none of what is dropped.
 */
public final class Headers {

    /** Any of these anywhere in the name (case-insensitive): {@code X-Webhook-Key}, {@code X-Zbd-Auth-Code}. */
    private static final String[] CREDENTIAL_WORDS = {"key", "auth", "token", "secret", "signature", "password",
            "cookie", "session"};

    private Headers() {
    }

    /**
     * The kept headers as an immutable map, which {@code StoredEvent} keeps as it is (no second copy); a header with
     * one value (nearly all of them) is a one-element list, its value the request's own string unless masked.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of entries for Map.ofEntries
    static Map<String, List<String>> kept(WebhookRequest request) {
        Set<String> names = request.headerNames();
        Map.Entry<String, List<String>>[] kept = new Map.Entry[names.size()];
        int n = 0;
        for (String name : names) {
            if (!isCredential(name)) {
                kept[n++] = Map.entry(name, masked(name, request.headers(name)));
            }
        }
        return Map.ofEntries(n == kept.length ? kept : Arrays.copyOf(kept, n));
    }

    private static List<String> masked(String name, List<String> values) {
        if (values.size() == 1) {
            return List.of(Masking.header(name, values.get(0)));
        }
        List<String> masked = new ArrayList<>(values.size());
        values.forEach(value -> masked.add(Masking.header(name, value)));
        return List.copyOf(masked);
    }

    /**
     * True for a header whose name says it carries a credential: it contains {@code key}, {@code auth},
     * {@code token}, {@code secret}, {@code signature}, {@code password}, {@code cookie} or {@code session}. Such
     * headers are never stored, never handed to a handler after verification, and never shown.
     */
    public static boolean isCredential(String name) {
        // One pass over the name: a word is compared only where its first letter stands (most positions match
        // none), case-insensitively in place, with no lower-cased copy per header.
        for (int i = 0, length = name.length(); i < length; i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (c == 'k' || c == 'a' || c == 't' || c == 's' || c == 'p' || c == 'c') {
                for (String word : CREDENTIAL_WORDS) { // an array: no iterator per position
                    if (word.charAt(0) == c && name.regionMatches(true, i, word, 0, word.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
