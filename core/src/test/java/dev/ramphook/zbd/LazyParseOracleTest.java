package dev.ramphook.zbd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.json.Json;
import dev.ramphook.provider.Providers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A provider given a lazily built tree ({@link Json#parseLazily}, what the receiver gives {@link ZbdRamp}) makes
 * exactly the event it makes from the eagerly built one ({@link Json#parseObject}): the same name, short name, key,
 * time, subject and typed record (or the same untyped JSON data), the same document, the same refusal. Every
 * provider's samples, and seeded random variations of ZBD's (fields missing, null, of another type, blank, extra;
 * unusual numbers, amounts, ids and times; undocumented names), so a failure names its seed and replays.
 */
class LazyParseOracleTest {

    private static final int VARIATIONS = 6_000;
    private static final String[] FIELDS = {
            "event", "type", "id", "created_at", "data", "email", "session_id", "base_amount", "base_currency",
            "quote_amount", "quote_currency", "destination", "payment_hash", "metadata", "access_token",
            "access_token_id", "access_token_expires_at", "refresh_token", "refresh_token_expires_at", "url", "x"};
    private static final String[] VALUES = {
            "null", "true", "false", "0", "1", "-5", "42", "2147483648", "12345678901234567890", "1.50", "-0.0",
            "1e3", "\"\"", "\" \"", "\"x\"", "\"100.00\"", "\" 100.00 \"", "\"+1.5\"", "\"1e3\"", "\"1E+999\"",
            "\"abc\"", "\"0.00000000000000000001\"", "\"2025-01-18T11:05:00Z\"", "\"2025-01-18T12:05:00+01:00\"",
            "\"2025-01-18T11:05:00.000Z\"", "\"2025-01-18T11:05:00.123456789Z\"", "\"2025-01-18T11:05:00\"",
            "\"2025-13-01T00:00:00Z\"", "\"2025-01-18\"", "{}", "[]", "{\"a\":1}", "[1,\"x\",{\"b\":null}]",
            "{\"customer_id\":\"c\",\"n\":1.10,\"big\":123456789012345678901,\"l\":[true,null],\"o\":{\"p\":\"q\"}}",
            "\"sess_x\"", "\"RAMP_WIDGET.V1.PAYMENT.SETTLED\"", "\"RAMP_WIDGET.V1.WITHDRAWAL.SUCCEEDED\"",
            "\"RAMP_WIDGET.V1.USER_ACCESS_TOKEN.CREATED\"", "\"RAMP_WIDGET.V1.SESSION.CLOSED\"",
            "\"RAMP_WIDGET.V1.NOT.DOCUMENTED\"", "\"RAMP_WIDGET.V1.\"", "\"UNKNOWN\"", "\"a\\nb\"", "\"\\u00e9t\\u00e9\"",
            "\"é€😀\"", "\"evt_\\u0001\"", "\"" + "k".repeat(240) + "\""};

    @Test
    void everyProviderSampleParsesTheSameFromALazyTree() throws Exception {
        Map<String, Provider> providers = Providers.all();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/resources/META-INF/ramphook/samples"))) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(30);
        for (Path file : files) {
            Provider provider = providers.get(file.getParent().getFileName().toString());
            assertThat(provider).as("provider of %s", file).isNotNull();
            assertThat(compare(provider, Files.readAllBytes(file), file.toString())).as("%s", file)
                    .isEqualTo("parsed");
        }
    }

    @Test
    void randomVariationsOfZbdDeliveriesParseTheSame() throws Exception {
        List<ObjectNode> samples = new ArrayList<>();
        try (Stream<Path> walk = Files.list(Path.of("src/main/resources/META-INF/ramphook/samples/zbd"))) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                samples.add((ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(file)));
            }
        }
        Random seeds = new Random(2121);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < VARIATIONS; i++) {
            long seed = seeds.nextLong();
            Random random = new Random(seed);
            ObjectNode doc = samples.get(random.nextInt(samples.size())).deepCopy();
            int changes = random.nextInt(4);
            for (int k = 0; k < changes; k++) {
                change(doc, random);
            }
            byte[] body = random.nextBoolean() ? Json.MAPPER.writeValueAsBytes(doc)
                    : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
            String outcome = compare(ZbdRamp.provider(), body, "seed " + seed + ": "
                    + new String(body, StandardCharsets.UTF_8));
            outcomes.merge(outcome.startsWith("parsed") ? outcome : "refused", 1, Integer::sum);
        }
        // Every kind of outcome must occur often, or the variations would not test the typed mapping's edges.
        assertThat(outcomes).as("outcomes").containsKeys("parsed", "refused");
        assertThat(outcomes.get("parsed")).isGreaterThan(VARIATIONS / 2);
    }

    /** One change to the document: a field of the root, of data or of metadata removed, set or added. */
    private static void change(ObjectNode doc, Random random) throws Exception {
        ObjectNode target = doc;
        int where = random.nextInt(10);
        if (where >= 3 && doc.get("data") instanceof ObjectNode data) {
            target = data;
            if (where >= 8 && data.get("metadata") instanceof ObjectNode metadata) {
                target = metadata;
            }
        }
        String field = random.nextInt(3) == 0 && target.size() > 0
                ? target.propertyStream().skip(random.nextInt(target.size())).findFirst().orElseThrow().getKey()
                : FIELDS[random.nextInt(FIELDS.length)];
        if (random.nextInt(4) == 0) {
            target.remove(field);
        } else {
            target.set(field, Json.MAPPER.readTree(VALUES[random.nextInt(VALUES.length)]));
        }
    }

    /** "parsed" or "refused: <reason>"; fails on any difference between the two trees' events. */
    private static String compare(Provider provider, byte[] body, String where) throws InvalidPayloadException {
        ObjectNode eagerJson = Json.parseObject(body);
        ObjectNode lazyJson = Json.parseLazily(body);
        WebhookEvent<?> eager;
        try {
            eager = provider.parse(eagerJson, body);
        } catch (InvalidPayloadException e) {
            InvalidPayloadException lazyRefusal = null;
            try {
                provider.parse(lazyJson, body);
            } catch (InvalidPayloadException refused) {
                lazyRefusal = refused;
            }
            assertThat(lazyRefusal).as("%s: refused from the lazy tree too", where).isNotNull();
            assertThat(lazyRefusal.getMessage()).as(where).isEqualTo(e.getMessage());
            return "refused: " + e.getMessage();
        }
        WebhookEvent<?> lazy = provider.parse(lazyJson, body);
        assertThat(lazy.provider()).as(where).isEqualTo(eager.provider());
        assertThat(lazy.name()).as(where).isEqualTo(eager.name());
        assertThat(lazy.shortName()).as(where).isEqualTo(eager.shortName());
        assertThat(lazy.key()).as(where).isEqualTo(eager.key());
        assertThat(lazy.occurredAt()).as(where).isEqualTo(eager.occurredAt());
        assertThat(provider.subject(lazy)).as(where).isEqualTo(provider.subject(eager));
        assertThat(lazy.data().getClass()).as(where).isEqualTo(eager.data().getClass());
        assertThat(lazy.data()).as(where).isEqualTo(eager.data());
        if (eager.data() instanceof JsonNode node) {
            assertThat(node).as(where).isEqualTo(lazy.data());
            assertThat(lazy.data().toString()).as(where).isEqualTo(node.toString());
        } else {
            assertThat(lazy.data().toString()).as(where).isEqualTo(eager.data().toString());
            assertThat(lazy.data().hashCode()).as(where).isEqualTo(eager.data().hashCode());
        }
        assertThat(lazy.json()).as(where).isEqualTo(eager.json());
        assertThat(eager.json()).as(where).isEqualTo(lazy.json());
        return "parsed";
    }
}
