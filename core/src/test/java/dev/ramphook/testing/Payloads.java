package dev.ramphook.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads one provider's payload resources (a documented sample from the catalog in the main resources, or an edge
 * case from the test resources) and parses them the way the receiver does: raw bytes, then an
 * exact-decimal tree. Both settings matter: without the second, Jackson's tree strips trailing zeros and
 * {@code 100.10} arrives as {@code 100.1}.
 */
public final class Payloads {

    public static final Payloads ZBD = new Payloads(ZbdRamp.provider(), "zbd");
    public static final Payloads MECASH = new Payloads(MeCash.provider(), "mecash");

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final Provider provider;
    private final String folder;

    private Payloads(Provider provider, String folder) {
        this.provider = provider;
        this.folder = folder;
    }

    public byte[] bytes(String file) {
        InputStream found = Payloads.class.getResourceAsStream("/META-INF/ramphook/samples/" + folder + "/" + file);
        try (InputStream in = found != null ? found
                : Payloads.class.getResourceAsStream("/payloads/" + folder + "/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload resource " + folder + "/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebhookEvent<?> parse(String file) throws InvalidPayloadException {
        return parse(bytes(file));
    }

    public WebhookEvent<?> parse(byte[] raw) throws InvalidPayloadException {
        try {
            return provider.parse((ObjectNode) MAPPER.readTree(raw), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
