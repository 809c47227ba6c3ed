package dev.ramphook.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Readings of PostgreSQL's {@code EXPLAIN (ANALYZE, FORMAT JSON)} output, for the plan tests of this package. */
final class Plans {

    private Plans() {
    }

    /** The indexes the plan reads. */
    static Set<String> indexes(JsonNode plan) {
        Set<String> names = new TreeSet<>();
        plan.findValuesAsText("Index Name").forEach(names::add);
        return names;
    }

    /** Rows of the events table that scans produced or read and threw away, over all their loops. */
    static long rowsRead(JsonNode node) {
        long read = 0;
        if (node.has("Relation Name") && !"ModifyTable".equals(node.path("Node Type").asText())) {
            long loops = Math.max(1, node.path("Actual Loops").asLong(1));
            read += (node.path("Actual Rows").asLong(0) + node.path("Rows Removed by Filter").asLong(0)
                    + node.path("Rows Removed by Index Recheck").asLong(0)) * loops;
        }
        List<JsonNode> children = new ArrayList<>();
        node.elements().forEachRemaining(children::add);
        for (JsonNode child : children) {
            read += rowsRead(child);
        }
        return read;
    }
}
