package dev.ramphook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.auth.UrlToken;
import dev.ramphook.testing.ShopProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine's routing, which compares a few endpoint paths in turn instead of looking the request path up in a map
 * (and matches a token segment below an endpoint without cutting a substring), routes as the map look-up it replaced
 * (kept below as the oracle): the exact path, else the path without its last segment. On random paths near the
 * configured ones, for receivers with 1 to 12 endpoints (above 8 the map is looked up still).
 */
class RouteOracleTest {

    /** Segments of configured paths (an endpoint path ends with none empty) and, with the empty one, of requests. */
    private static final String[] SEGMENTS = {"webhooks", "zbd", "mecash", "hooks", "shop", "a", "zbd2", "Zbd", ""};

    @Test
    void routesAsTheMapLookUpOnRandomPaths() {
        Random random = new Random(2026120703);
        int[] routed = new int[2];
        for (int endpoints = 1; endpoints <= 12; endpoints++) {
            Map<String, String> byPath = new HashMap<>();
            WebhookReceiver.Builder builder = WebhookReceiver.builder();
            while (byPath.size() < endpoints) {
                String path = path(random, 1 + random.nextInt(3), SEGMENTS.length - 1);
                if (byPath.putIfAbsent(path, path) == null) {
                    builder.endpoint(path, new ShopProvider(), UrlToken.pathSegment("t"));
                }
            }
            WebhookReceiver receiver = builder.on("*", (event, context) -> { }).build();
            try {
                String[] configured = byPath.keySet().toArray(new String[0]);
                for (int run = 0; run < 3_000; run++) {
                    String path = switch (random.nextInt(4)) {
                        case 0 -> configured[random.nextInt(configured.length)];
                        case 1 -> configured[random.nextInt(configured.length)] + "/" + SEGMENTS[random.nextInt(
                                SEGMENTS.length)];
                        case 2 -> configured[random.nextInt(configured.length)] + "x";
                        default -> path(random, 1 + random.nextInt(4), SEGMENTS.length);
                    };
                    path = new String(path.toCharArray()); // as an adapter's: not the configured instance
                    String expected = oracle(byPath, path);
                    assertThat(receiver.loggablePath(path)).as("%s among %s", path, byPath.keySet())
                            .isEqualTo(expected == null ? "(no endpoint)" : expected);
                    assertThat(receiver.handles(path)).as("%s among %s", path, byPath.keySet())
                            .isEqualTo(expected != null);
                    routed[expected == null ? 0 : 1]++;
                }
            } finally {
                receiver.close();
            }
        }
        assertThat(routed[0]).as("not routed").isGreaterThan(5_000); // both answers are reached, so both compared
        assertThat(routed[1]).as("routed").isGreaterThan(5_000);
    }

    private static String path(Random random, int segments, int among) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments; i++) {
            path.append('/').append(SEGMENTS[random.nextInt(among)]);
        }
        return path.toString();
    }

    // ---- The oracle: Engine.route as it was until 2026-12-07 ----

    private static String oracle(Map<String, String> endpoints, String path) {
        String exact = endpoints.get(path);
        if (exact != null) {
            return exact;
        }
        int slash = path.lastIndexOf('/');
        return slash > 0 ? endpoints.get(path.substring(0, slash)) : null;
    }
}
