package dev.ramphook.mecash;

import static dev.ramphook.mecash.OldMeCashRules.oldOccurredAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.json.Json;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import dev.ramphook.testing.C1Measure;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * meCash's times and id are read once, by the typed mapping, and the event's time and subject are taken from the
 * record: the same answers as reading the JSON again (the rule kept below as the oracle), for every shape of time
 * meCash or a sender might write, and fewer bytes per delivery.
 */
class MeCashReadOnceTest {

    private static final String[] TIMES = {
        null, "null", "\"2025-01-08T12:30:10.499526\"", "\"2025-01-08T12:30:10\"", "\"2025-01-08T12:30\"",
        "\"2025-01-08T12:30:10.123456789\"", "\"2025-01-08T12:30:10Z\"", "\"2025-01-08T12:30:10.5+01:00\"",
        "\"2025-01-08T12:30:10.5-07:30\"", "\"2025-01-08 12:30:10\"", "\"2025-02-30T12:30:10\"", "\"yesterday\"",
        "\"\"", "1736339410", "1736339410123", "12.5", "{}", "\"2025-01-08T24:00:00\"", "\"+12025-01-08T12:30:10\"",
    };
    private static final String[] TIMESTAMPS = {null, "\"2025-03-01T00:00:00Z\"", "1736339410", "\"not a time\""};

    @Test
    void occurredAtAndSubjectAreThoseOfTheJsonForEveryShapeOfTime() throws Exception {
        MeCash meCash = MeCash.provider();
        int typed = 0;
        int untyped = 0;
        for (String event : new String[] {"ramp.payout.completed", "payout.completed", "unknown.event"}) {
            for (String timestamp : TIMESTAMPS) {
                for (String created : TIMES) {
                    for (String processed : TIMES) {
                        for (String idField : new String[] {"\"id\":\"tx-1\"", "\"transaction_id\":42", ""}) {
                            String body = body(event, timestamp, created, processed, idField);
                            ObjectNode json = Json.parseObject(body.getBytes(StandardCharsets.UTF_8));
                            WebhookEvent<?> parsed = meCash.parse(json, body.getBytes(StandardCharsets.UTF_8));

                            assertThat(parsed.occurredAt()).as(body).isEqualTo(Optional.ofNullable(oldOccurredAt(json)));
                            assertThat(meCash.subject(parsed)).as(body).isEqualTo(oldSubject(json));
                            if (parsed.data() instanceof JsonNode) {
                                untyped++;
                            } else {
                                typed++;
                            }
                        }
                    }
                }
            }
        }
        // Both paths are compared: the typed record's times, and the JSON read again when there is no record.
        assertThat(typed).as("typed deliveries").isGreaterThan(200);
        assertThat(untyped).as("untyped deliveries").isGreaterThan(200);
    }

    /**
     * The key and subject of every shape of id, with and without a typed record: the same as the rule that read
     * the id from the JSON for the key and again for the typed record (kept below as the oracle).
     */
    @Test
    void keyAndSubjectAreThoseOfTheJsonForEveryShapeOfId() throws Exception {
        MeCash meCash = MeCash.provider();
        String[] ids = {"", "\"id\":\"tx-1\"", "\"transaction_id\":42", "\"id\":\"  \"", "\"id\":\"\"",
            "\"id\":null", "\"id\":true", "\"id\":{}", "\"id\":12.5", "\"id\":-7",
            "\"id\":123456789012345678901234567890", "\"id\":\"tx\\u0001\"", "\"id\":\" tx-1 \"",
            "\"id\":\"tx-1\",\"transaction_id\":\"tx-2\"", "\"id\":\"  \",\"transaction_id\":\"tx-2\"",
            "\"transaction_id\":\"\"", "\"id\":\"" + "x".repeat(190) + "\"", "\"id\":\"\u00e9t\u00e9\""};
        String[] webhookIds = {null, "\"wh_1\"", "77", "\"\"", "null", "\"wh\\n\""};
        int typed = 0;
        int untyped = 0;
        for (String event : new String[] {"ramp.payout.completed", "payout.completed", "collection.failed", "other"}) {
            for (String created : new String[] {null, "\"2025-01-08T12:23:51.908663\""}) {
                for (String id : ids) {
                    for (String webhookId : webhookIds) {
                        String body = body(event, null, created, null, id);
                        if (webhookId != null) {
                            body = body.replaceFirst("^\\{", "{\"webhook_id\":" + webhookId.replace("\\", "\\\\") + ",");
                        }
                        ObjectNode json = Json.parseObject(body.getBytes(StandardCharsets.UTF_8));
                        WebhookEvent<?> parsed = meCash.parse(json, body.getBytes(StandardCharsets.UTF_8));

                        assertThat(parsed.key()).as(body).isEqualTo(oldKey(json));
                        assertThat(meCash.subject(parsed)).as(body).isEqualTo(oldSubject(json));
                        if (parsed.data() instanceof JsonNode) {
                            untyped++;
                        } else {
                            typed++;
                        }
                    }
                }
            }
        }
        assertThat(typed).as("typed deliveries").isGreaterThan(50);
        assertThat(untyped).as("untyped deliveries").isGreaterThan(50);
    }

    private static String body(String event, String timestamp, String created, String processed, String idField) {
        List<String> data = new ArrayList<>();
        if (!idField.isEmpty()) {
            data.add(idField);
        }
        data.add("\"type\":\"SEND\"");
        data.add("\"category\":\"OFF_RAMP\"");
        data.add("\"state\":\"COMPLETED\"");
        data.add("\"amount\":\"12.50\"");
        data.add("\"currency\":\"NGN\"");
        if (created != null) {
            data.add("\"created\":" + created);
        }
        if (processed != null) {
            data.add("\"processed\":" + processed);
        }
        return "{\"event\":\"" + event + "\"" + (timestamp == null ? "" : ",\"timestamp\":" + timestamp)
                + ",\"data\":{" + String.join(",", data) + "}}";
    }

    /** The rule as MeCash applied it until 2026-12-06, on the JSON alone. */

    /** The key as MeCash built it until 2026-12-06: the id read from the JSON, apart from the typed record. */
    private static String oldKey(ObjectNode json) {
        JsonNode data = JsonFields.object(json, "data");
        String id = JsonFields.idText(data, "id");
        if (id == null) {
            id = JsonFields.idText(data, "transaction_id");
        }
        if (id == null) {
            return EventKeys.canonicalHash(json);
        }
        String name = JsonFields.nonBlankText(json, "event");
        String webhookId = JsonFields.idText(json, "webhook_id");
        return EventKeys.bounded(webhookId == null ? name + ":" + id : name + ":" + id + ":" + webhookId);
    }

    private static Optional<String> oldSubject(ObjectNode json) {
        JsonNode data = JsonFields.object(json, "data");
        String id = JsonFields.idText(data, "id");
        if (id == null) {
            id = JsonFields.idText(data, "transaction_id");
        }
        return Optional.ofNullable(id);
    }

    // ---- bytes per parse, counted as AllocationBudgetTest counts them (a C1-only JVM of its own) ----

    /**
     * {@code MeCash.parse} of a 0.3 KB payout (tree given): 488 B measured on 2026-12-06, OpenJDK 17 (560 B while
     * {@code processed} was parsed twice), plus a little slack.
     */
    static final long PARSE_BUDGET = 512;

    @Test
    void aPayoutsParseReadsItsTimesOnce() throws Exception {
        Matcher result = C1Measure.run(MeCashReadOnceTest.class, "256m", 2, "^mecash parse allocation: (\\d+) B$");
        assertThat(Long.parseLong(result.group(1))).as("bytes allocated per meCash payout parse")
                .isLessThanOrEqualTo(PARSE_BUDGET);
    }

    /**
     * The measure, in the JVM the test starts: prints one line.
     *
     * @param args none
     * @throws Exception never: the bodies are valid
     */
    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int ring = 1_000;
        ObjectNode[] trees = new ObjectNode[ring];
        byte[][] bodies = new byte[ring][];
        for (int i = 0; i < ring; i++) {
            bodies[i] = String.format("{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"8bd9a372-8d2b-494c-"
                    + "b0b2-%012d\",\"type\":\"SEND\",\"category\":\"OFF_RAMP\",\"state\":\"COMPLETED\","
                    + "\"referenceNumber\":\"YQXUA0ELOXXXXXX\",\"created\":\"2025-01-08T12:23:51.908663\","
                    + "\"processed\":\"2025-01-08T12:30:10.499526\"}}", i).getBytes(StandardCharsets.UTF_8);
            trees[i] = Json.parseObject(bodies[i]);
        }
        MeCash meCash = MeCash.provider();
        long least = Long.MAX_VALUE;
        for (int pass = 0; pass < 30; pass++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ring; i++) {
                if (!(meCash.parse(trees[i], bodies[i]).data() instanceof MeCashPayout)) {
                    throw new IllegalStateException("the payout was not typed");
                }
            }
            long used = threads.getCurrentThreadAllocatedBytes() - before;
            if (pass >= 10) {
                least = Math.min(least, used / ring);
            }
        }
        System.out.println("mecash parse allocation: " + least + " B");
    }
}
