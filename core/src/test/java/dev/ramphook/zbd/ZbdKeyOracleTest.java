package dev.ramphook.zbd;

import static dev.ramphook.testing.OldKeyRules.oldBounded;
import static dev.ramphook.testing.OldKeyRules.oldHasControlCharacter;
import static dev.ramphook.testing.RandomText.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.provider.BoundedKeys;
import dev.ramphook.internal.provider.BoundedSubjects;
import dev.ramphook.internal.text.InstantText;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ZBD's deduplication key, name, short name and subject against the code that made them until 2026-12-06 (kept
 * below: a {@code StringBuilder}, {@code InstantText}, a scan with {@code Character.isISOControl}): keys stored
 * earlier must still match a redelivery, so every key must be the same to the character, on random names, session
 * ids, instants (fractions, offsets, years outside 1970-9999), control characters and keys long enough to be hashed.
 */
class ZbdKeyOracleTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PREFIX = "RAMP_WIDGET.V1.";
    private static final String[] KNOWN = ZbdRamp.provider().eventTypes().keySet().toArray(String[]::new);

    @Test
    void everyKeyNameAndSubjectIsTheOldOne() throws Exception {
        SplittableRandom random = new SplittableRandom(2026_12_06);
        ZbdRamp zbd = ZbdRamp.provider();
        int typed = 0;
        for (int i = 0; i < 200_000; i++) {
            ObjectNode json = document(random);
            String where = json.toString();
            String name = oldName(json);
            if (name == null) {
                continue; // refused, as before: ZbdRampTest covers the refusal
            }
            WebhookEvent<?> event = zbd.parse(json, new byte[0]);

            assertThat(event.key()).as(where).isEqualTo(oldKey(json, name));
            assertThat(event.name()).as(where).isEqualTo(name);
            assertThat(event.shortName()).as(where).isEqualTo(oldShortName(name));
            assertThat(zbd.subject(event)).as(where).isEqualTo(oldSubject(json));
            // the BoundedKeys and BoundedSubjects promises: the engine records both without scanning them again
            assertThat(EventKeys.bounded(event.key())).as(where).isSameAs(event.key());
            zbd.subject(event).ifPresent(s -> assertThat(EventKeys.bounded(s)).as(where).isSameAs(s));
            typed += event.data() instanceof ZbdRampData ? 1 : 0;
        }
        assertThat(typed).as("typed events, whose subject is the record's").isGreaterThan(20_000);
    }

    @Test
    void keysAndSubjectsAreMarkedBoundedOnlyForTheProviderItself() {
        assertThat(ZbdRamp.provider()).isInstanceOf(BoundedKeys.class).isInstanceOf(BoundedSubjects.class);
        // derived providers carry the integrator's rules: the engine bounds their keys and subjects again
        assertThat(ZbdRamp.provider().withSubject(e -> "s")).isNotInstanceOf(BoundedKeys.class)
                .isNotInstanceOf(BoundedSubjects.class);
        assertThat(ZbdRamp.provider().withDedupKey(e -> "k")).isNotInstanceOf(BoundedKeys.class)
                .isNotInstanceOf(BoundedSubjects.class);
    }

    @Test
    void theControlCharacterScanAgreesWithCharacterIsIsoControl() {
        SplittableRandom random = new SplittableRandom(21);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String one = "ab" + (char) c + "cd";
            assertThat(EventKeys.hasControlCharacter(one)).as("U+%04X", c).isEqualTo(Character.isISOControl(c));
        }
        for (int i = 0; i < 100_000; i++) {
            String s = text(random, random.nextInt(0, 80));
            assertThat(EventKeys.hasControlCharacter(s)).as(s).isEqualTo(oldHasControlCharacter(s));
        }
    }

    @Test
    void aDocumentedNameIsDeliveredAsTheProvidersOwnString() throws Exception {
        for (String known : KNOWN) {
            ObjectNode json = NODES.objectNode().put("event", new String(known.toCharArray()));
            json.putObject("data").put("session_id", "sess_1");
            json.put("created_at", "2025-01-18T11:05:00Z");

            WebhookEvent<?> event = ZbdRamp.provider().parse(json, new byte[0]);

            assertThat(event.name()).isSameAs(known); // its hash computed once per JVM, not per delivery
            assertThat(event.shortName()).isEqualTo(known.substring(PREFIX.length()));
            assertThat(ZbdRamp.provider().shortName(new String(known.toCharArray())))
                    .isEqualTo(known.substring(PREFIX.length()));
        }
    }

    // ---- random documents

    private static ObjectNode document(SplittableRandom random) {
        ObjectNode json = NODES.objectNode();
        String name = name(random);
        if (name != null) {
            json.put(random.nextInt(8) == 0 ? "type" : "event", name);
        }
        if (random.nextInt(30) == 0) {
            json.put("event", random.nextBoolean() ? "  " : "");
        }
        if (random.nextInt(12) == 0) {
            if (random.nextBoolean()) {
                json.put("id", text(random, random.nextInt(1, 230)));
            } else {
                json.put("id", random.nextLong());
            }
        }
        if (random.nextInt(25) != 0) {
            ObjectNode data = json.putObject("data");
            switch (random.nextInt(12)) {
                case 0 -> data.put("session_id", random.nextLong());
                case 1 -> data.put("session_id", random.nextInt(3) == 0 ? " " : "");
                case 2 -> data.putNull("session_id");
                case 3 -> { } // absent
                case 4 -> data.put("session_id", text(random, random.nextInt(150, 230)));
                default -> data.put("session_id", text(random, random.nextInt(1, 40)));
            }
            if (random.nextInt(3) != 0) { // typed (sessions, payments): the subject comes from the record then
                data.put("email", "user@example.com").put("base_amount", "12.50").put("base_currency", "USD")
                        .put("quote_amount", "0.0002").put("quote_currency", "BTC");
            }
        }
        if (random.nextInt(15) != 0) {
            json.put("created_at", createdAt(random));
        }
        return json;
    }

    private static String name(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> PREFIX + text(random, random.nextInt(0, 20));
            case 2 -> text(random, random.nextInt(1, 60));
            case 3 -> PREFIX + "PAYMENT.SETTLED" + text(random, 1); // one character more than a documented name
            case 4 -> text(random, random.nextInt(150, 200));
            default -> new String(KNOWN[random.nextInt(KNOWN.length)].toCharArray()); // not the literal
        };
    }

    private static String createdAt(SplittableRandom random) {
        long seconds = random.nextInt(6) == 0 ? random.nextLong(-62_135_596_800L, 253_402_300_799L)
                : random.nextLong(1_600_000_000L, 1_900_000_000L);
        int nano = switch (random.nextInt(5)) {
            case 0, 1 -> 0;
            case 2 -> random.nextInt(1000) * 1_000_000;
            case 3 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        Instant instant = Instant.ofEpochSecond(seconds, nano);
        return switch (random.nextInt(6)) {
            case 0 -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    instant.atOffset(ZoneOffset.ofHoursMinutes(random.nextInt(-12, 15), 0)));
            case 1 -> instant.toString().replace("Z", "") + (random.nextBoolean() ? "" : "+00:00");
            case 2 -> random.nextBoolean() ? "2025-02-30T10:00:00Z" : "yesterday";
            default -> instant.toString();
        };
    }

    // ---- the code until 2026-12-06, kept as the oracle

    private static String oldName(ObjectNode json) {
        String name = JsonFields.nonBlankText(json, "event");
        return name != null ? name : JsonFields.nonBlankText(json, "type");
    }

    private static String oldShortName(String eventName) {
        for (String known : KNOWN) {
            if (known.equals(eventName)) {
                return known.substring(PREFIX.length());
            }
        }
        return eventName.startsWith(PREFIX) && eventName.length() > PREFIX.length()
                ? eventName.substring(PREFIX.length())
                : eventName;
    }

    private static String oldKey(ObjectNode json, String name) {
        JsonNode data = JsonFields.object(json, "data");
        Instant createdAt = JsonFields.instant(json, "created_at");
        String id = JsonFields.idText(json, "id");
        if (id != null) {
            return oldBounded(id);
        }
        String session = JsonFields.idText(data, "session_id");
        if (session != null && createdAt != null) {
            StringBuilder key = new StringBuilder(name.length() + session.length() + 34).append(name).append(':')
                    .append(session).append(':');
            return oldBounded(InstantText.append(key, createdAt).toString());
        }
        return EventKeys.canonicalHash(json);
    }

    private static Optional<String> oldSubject(ObjectNode json) {
        String id = JsonFields.idText(JsonFields.object(json, "data"), "session_id");
        return id == null ? Optional.empty() : Optional.of(oldBounded(id));
    }


}
