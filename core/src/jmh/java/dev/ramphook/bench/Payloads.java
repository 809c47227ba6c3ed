package dev.ramphook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivery bodies for the benchmarks, built from the seed payloads (ZBD {@code PAYMENT.SETTLED}, meCash
 * {@code ramp.payout.completed}) at a target size, each with its own dedup key so that every one is a new event.
 *
 * <p>Small bodies are the seed itself, compact (meCash's without its optional quote and recipient, then padded
 * like the larger ones to reach 0.3 KB). Larger
 * ones carry an extra {@code data.items} array of line items, a field neither provider documents: this is how real
 * payloads grow, and the typed mapping must not pay for it.
 */
final class Payloads {

    static final String ZBD_TOKEN = "zbd-bench-token-6f1c2a9e4b7d";
    static final String MECASH_SECRET = "mecash-bench-secret-3a8e5c1f9d2b";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One delivery as the provider would send it: body, and for meCash its {@code X-Signature}. */
    record Delivery(byte[] body, String signature) {
    }

    private Payloads() {
    }

    /** {@code count} distinct deliveries of about {@code size} bytes; delivery {@code i} carries key number i. */
    static Delivery[] ring(String provider, int size, int count) {
        ObjectNode template = template(provider, size);
        Delivery[] ring = new Delivery[count];
        for (int i = 0; i < count; i++) {
            byte[] body = body(provider, template, i);
            ring[i] = new Delivery(body, "mecash".equals(provider) ? hmacSha512Hex(body) : null);
        }
        return ring;
    }

    /** The body size, in bytes, that {@link #ring} produces for these parameters. */
    static int actualSize(String provider, int size) {
        return body(provider, template(provider, size), 0).length;
    }

    private static byte[] body(String provider, ObjectNode template, int index) {
        ObjectNode copy = template.deepCopy();
        ObjectNode data = (ObjectNode) copy.get("data");
        if ("zbd".equals(provider)) {
            data.put("session_id", String.format("sess_%012d", index)); // key: name, session_id, created_at
        } else {
            data.put("id", String.format("8bd9a372-8d2b-494c-b0b2-%012d", index)); // key: name, data.id
        }
        return write(copy);
    }

    private static ObjectNode template(String provider, int size) {
        ObjectNode json = switch (provider) {
            case "zbd" -> read("/META-INF/ramphook/samples/zbd/payment-settled.json");
            case "mecash" -> read("/META-INF/ramphook/samples/mecash/ramp-payout-completed-off-ramp.json");
            default -> throw new IllegalArgumentException("unknown provider " + provider);
        };
        ObjectNode data = (ObjectNode) json.get("data");
        if ("mecash".equals(provider) && size < 1024) {
            // Both optional in MeCashPayout; a quote must be whole to be typed (a partial one is delivered untyped,
            // with a WARN per delivery), so it goes rather than being trimmed.
            data.remove("recipient");
            data.remove("quote");
        }
        int base = write(json).length;
        if (base >= size) {
            return json;
        }
        ArrayNode items = data.putArray("items");
        int i = 0;
        while (write(json).length < size) {
            ObjectNode item = items.addObject();
            item.put("sku", String.format("SKU-%06d", i));
            item.put("description", "Line item " + i + " of the order");
            item.put("quantity", 1 + i % 5);
            item.put("unit_price", "12.50");
            i++;
        }
        return json;
    }

    private static ObjectNode read(String resource) {
        try (InputStream in = Payloads.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed payload " + resource + " is not on the test class path");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ObjectNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hmacSha512Hex(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(MECASH_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
