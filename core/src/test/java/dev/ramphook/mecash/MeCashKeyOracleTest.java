package dev.ramphook.mecash;

import static dev.ramphook.mecash.OldMeCashRules.oldOccurredAt;
import static dev.ramphook.testing.OldKeyRules.oldBounded;
import static dev.ramphook.testing.RandomText.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.json.Json;
import dev.ramphook.internal.provider.BoundedKeys;
import dev.ramphook.internal.provider.BoundedSubjects;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * meCash's event name, deduplication key, subject, time and kind of data against the code that made them until
 * 2026-12-07 (kept below: the name as delivered, a {@code HashMap} of record types, the whole key scanned by
 * {@code Character.isISOControl}): keys stored earlier must still match a redelivery, so every key must be the same to
 * the character, on random names (documented ones as new instances, near misses, control characters, long ones),
 * ids, webhook ids and times, through the library's reader as a delivery goes.
 */
class MeCashKeyOracleTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KNOWN = MeCash.provider().eventTypes().keySet().toArray(String[]::new);
    private static final Map<String, Class<?>> OLD_TYPES = Map.ofEntries(
            Map.entry("ramp.payout.completed", MeCashPayout.class), Map.entry("ramp.payout.failed", MeCashPayout.class),
            Map.entry("ramp.payout.pending", MeCashPayout.class), Map.entry("ramp.payout.refund", MeCashPayout.class),
            Map.entry("payout.completed", MeCashFiatTransaction.class),
            Map.entry("payout.failed", MeCashFiatTransaction.class),
            Map.entry("payout.pending", MeCashFiatTransaction.class),
            Map.entry("collection.completed", MeCashFiatTransaction.class),
            Map.entry("collection.failed", MeCashFiatTransaction.class),
            Map.entry("virtualaccount.completed", MeCashFiatTransaction.class),
            Map.entry("virtualaccount.failed", MeCashFiatTransaction.class));

    @Test
    void everyNameKeySubjectAndTimeIsTheOldOne() throws Exception {
        SplittableRandom random = new SplittableRandom(2026_12_07);
        MeCash meCash = MeCash.provider();
        int typed = 0;
        int hashed = 0;
        for (int i = 0; i < 30_000; i++) {
            ObjectNode document = document(random);
            byte[] body = Json.MAPPER.writeValueAsBytes(document);
            ObjectNode json = Json.parseObject(body); // as a delivery is read: the reader's interned names
            String where = new String(body, StandardCharsets.UTF_8);
            String name = JsonFields.nonBlankText(json, "event");
            if (name == null) {
                continue; // refused, as before: MeCashTest covers the refusal
            }
            WebhookEvent<?> event = meCash.parse(json, body);

            assertThat(event.name()).as(where).isEqualTo(name);
            assertThat(event.shortName()).as(where).isEqualTo(name);
            assertThat(event.key()).as(where).isEqualTo(oldKey(json, name));
            // the BoundedKeys promise: the engine records the key without scanning it again
            assertThat(EventKeys.bounded(event.key())).as(where).isSameAs(event.key());
            assertThat(meCash.subject(event)).as(where).isEqualTo(oldSubject(json));
            assertThat(event.occurredAt()).as(where).isEqualTo(Optional.ofNullable(oldOccurredAt(json)));
            Class<?> type = OLD_TYPES.get(name);
            JsonNode data = JsonFields.object(json, "data");
            if (data == null) {
                assertThat(event.data()).as(where).isSameAs(json);
            } else if (type == null || event.data() instanceof JsonNode) {
                assertThat(event.data()).as(where).isSameAs(data); // unknown name, or a record that did not fit
            } else {
                assertThat(event.data()).as(where).isInstanceOf(type);
                typed++;
            }
            hashed += event.key().startsWith("sha256:") ? 1 : 0;
        }
        assertThat(typed).as("typed deliveries").isGreaterThan(3_000);
        assertThat(hashed).as("keys hashed for length or a control character").isGreaterThan(300);
    }

    @Test
    void keysAreMarkedBoundedButSubjectsAreNot() {
        assertThat(MeCash.provider()).isInstanceOf(BoundedKeys.class).isNotInstanceOf(BoundedSubjects.class);
        // derived providers carry the integrator's rules: the engine bounds their keys and subjects again
        assertThat(MeCash.provider().withSubject(e -> "s")).isNotInstanceOf(BoundedKeys.class)
                .isNotInstanceOf(BoundedSubjects.class);
        assertThat(MeCash.provider().withDedupKey(e -> "k")).isNotInstanceOf(BoundedKeys.class);
    }

    @Test
    void aDocumentedNameIsDeliveredAsTheProvidersOwnString() throws Exception {
        for (String known : KNOWN) {
            ObjectNode json = NODES.objectNode().put("event", new String(known.toCharArray()));
            json.putObject("data").put("id", "tx-1").put("state", "COMPLETED").put("status", "COMPLETED")
                    .put("created", "2025-01-08T12:23:51.908663").put("amount", "1.00").put("currency", "NGN");

            WebhookEvent<?> event = MeCash.provider().parse(json, new byte[0]);

            assertThat(event.name()).isSameAs(known); // its hash computed once per JVM, not per delivery
            assertThat(event.key()).isEqualTo(known + ":tx-1");
            assertThat(event.data()).isInstanceOf(MeCash.provider().eventTypes().get(known));
        }
    }

    // ---- random documents

    private static ObjectNode document(SplittableRandom random) {
        ObjectNode json = NODES.objectNode();
        String name = name(random);
        if (name != null) {
            json.put("event", name);
        }
        if (random.nextInt(6) == 0) {
            switch (random.nextInt(4)) {
                case 0 -> json.put("webhook_id", text(random, random.nextInt(1, 30)));
                case 1 -> json.put("webhook_id", random.nextLong());
                case 2 -> json.put("webhook_id", text(random, random.nextInt(150, 200)));
                default -> json.put("webhook_id", random.nextBoolean() ? " " : "");
            }
        }
        if (random.nextInt(10) == 0) {
            json.put("timestamp", random.nextBoolean() ? "2025-03-01T00:00:00Z" : "1736339410");
        }
        if (random.nextInt(25) != 0) {
            ObjectNode data = json.putObject("data");
            String field = random.nextInt(5) == 0 ? "transaction_id" : "id";
            switch (random.nextInt(12)) {
                case 0 -> data.put(field, random.nextLong());
                case 1 -> data.put(field, random.nextInt(3) == 0 ? " " : "");
                case 2 -> data.putNull(field);
                case 3 -> { } // absent
                case 4 -> data.put(field, text(random, random.nextInt(150, 230)));
                default -> data.put(field, text(random, random.nextInt(1, 40)));
            }
            if (random.nextInt(4) != 0) {
                data.put("type", "SEND").put("category", "OFF_RAMP").put("state", "COMPLETED")
                        .put("status", "COMPLETED").put("amount", "12.50").put("currency", "NGN");
            }
            if (random.nextInt(3) != 0) {
                data.put("created", random.nextInt(10) == 0 ? "yesterday" : "2025-01-08T12:23:51.908663");
            }
            if (random.nextBoolean()) {
                data.put("processed", "2025-01-08T12:30:10." + random.nextInt(100_000, 999_999));
            }
        } else if (random.nextBoolean()) {
            json.put("data", "not an object");
        }
        return json;
    }

    private static String name(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> random.nextBoolean() ? " " : "";
            case 2 -> text(random, random.nextInt(1, 40));
            case 3 -> KNOWN[random.nextInt(KNOWN.length)] + text(random, 1); // one character more than a documented one
            case 4 -> text(random, random.nextInt(150, 200));
            case 5 -> KNOWN[random.nextInt(KNOWN.length)].substring(1); // one character less
            default -> KNOWN[random.nextInt(KNOWN.length)];
        };
    }

    // ---- the code until 2026-12-07, kept as the oracle

    private static String oldKey(ObjectNode json, String name) {
        JsonNode data = JsonFields.object(json, "data");
        String id = JsonFields.idText(data, "id");
        if (id == null) {
            id = JsonFields.idText(data, "transaction_id");
        }
        if (id == null) {
            return EventKeys.canonicalHash(json);
        }
        String webhookId = JsonFields.idText(json, "webhook_id");
        return oldBounded(webhookId == null ? name + ":" + id : name + ":" + id + ":" + webhookId);
    }

    private static Optional<String> oldSubject(ObjectNode json) {
        JsonNode data = JsonFields.object(json, "data");
        String id = JsonFields.idText(data, "id");
        if (id == null) {
            id = JsonFields.idText(data, "transaction_id");
        }
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
    }



}
