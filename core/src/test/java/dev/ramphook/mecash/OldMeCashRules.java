package dev.ramphook.mecash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.provider.JsonFields;
import java.time.Instant;

/** meCash's rules as it applied them until 2026-12-06, on the JSON alone: the oracles of its tests. */
final class OldMeCashRules {

    private OldMeCashRules() {
    }

    /** The envelope's {@code timestamp}, else {@code data.processed}, else {@code data.created}. */
    static Instant oldOccurredAt(ObjectNode json) {
        JsonNode data = JsonFields.object(json, "data");
        Instant instant = JsonFields.epochInstant(json, "timestamp");
        if (instant == null) {
            instant = JsonFields.instantAssumingUtc(json, "timestamp");
        }
        if (instant == null) {
            instant = JsonFields.instantAssumingUtc(data, "processed");
        }
        return instant != null ? instant : JsonFields.instantAssumingUtc(data, "created");
    }
}
