package dev.ramphook.internal.engine;

import dev.ramphook.Masking;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.text.CredentialHeaders;
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
final class Headers {

    private Headers() {
    }

    /**
     * The kept headers as an immutable map, which {@code StoredEvent} keeps as it is (no second copy); a header with
     * one value (nearly all of them) is a one-element list, its value the request's own string unless masked. A
     * request of up to six headers (a typical delivery's) goes to {@code Map.of}'s fixed arities, which take the
     * pairs without an entry object each.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of entries for Map.ofEntries
    static Map<String, List<String>> kept(WebhookRequest request) {
        Set<String> names = request.headerNames();
        if (names.size() <= 6) {
            String[] k = new String[6];
            List<String>[] v = new List[6];
            int n = 0;
            for (String name : names) {
                if (!isCredential(name)) {
                    k[n] = name;
                    v[n++] = masked(name, request.headers(name));
                }
            }
            return switch (n) {
                case 0 -> Map.of();
                case 1 -> Map.of(k[0], v[0]);
                case 2 -> Map.of(k[0], v[0], k[1], v[1]);
                case 3 -> Map.of(k[0], v[0], k[1], v[1], k[2], v[2]);
                case 4 -> Map.of(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3]);
                case 5 -> Map.of(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3], k[4], v[4]);
                default -> Map.of(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3], k[4], v[4], k[5], v[5]);
            };
        }
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
            String value = values.get(0);
            String shown = Masking.header(name, value);
            return shown == value ? values : List.of(shown); // the request's own immutable list when nothing is masked
        }
        List<String> masked = new ArrayList<>(values.size());
        values.forEach(value -> masked.add(Masking.header(name, value)));
        return List.copyOf(masked);
    }

    /**
     * True for a header whose name says it carries a credential: see {@link CredentialHeaders#isCredential}. Such
     * headers are never stored, never handed to a handler after verification, and never shown.
     */
    static boolean isCredential(String name) {
        return CredentialHeaders.isCredential(name);
    }
}
