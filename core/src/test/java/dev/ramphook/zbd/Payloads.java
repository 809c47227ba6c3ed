package dev.ramphook.zbd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.WebhookEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads payload resources and parses them the way the receiver does: raw bytes, then an exact-decimal tree. Both
 * settings matter: without the second, Jackson's tree strips trailing zeros and {@code 100.10} arrives as
 * {@code 100.1}.
 */
final class Payloads {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private Payloads() {
    }

    static byte[] bytes(String file) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/zbd/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload resource " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebhookEvent<?> parse(String file) throws InvalidPayloadException {
        return parse(bytes(file));
    }

    static WebhookEvent<?> parse(byte[] raw) throws InvalidPayloadException {
        try {
            return ZbdRamp.provider().parse((ObjectNode) MAPPER.readTree(raw), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
