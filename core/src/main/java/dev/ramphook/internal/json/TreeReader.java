package dev.ramphook.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds a delivery's tree straight from Jackson's parser, without {@code ObjectMapper.readTree}: no
 * deserialization context per call, and duplicate names found by the object's own map (a previous value returned
 * by {@link ObjectNode#replace}) instead of a set of names per object. The nodes are the ones {@code readTree}
 * makes with {@link Json#MAPPER}'s settings: decimals as {@code BigDecimal} with their scale, integers as int, long
 * or big-integer nodes by size. {@code DirectReaderTest} holds it to the old reader on random documents.
 */
final class TreeReader {

    private final JsonFactory factory;
    private final JsonNodeFactory nodes;

    TreeReader(JsonFactory factory, JsonNodeFactory nodes) {
        this.factory = factory;
        this.nodes = nodes;
    }

    /**
     * The body's object, or null when its first token is not an object's start (the caller gives those to
     * {@code readTree}, which tells invalid JSON from another kind of value).
     *
     * @throws IOException when the body is not one valid JSON object, duplicate names included
     */
    ObjectNode readObject(byte[] body) throws IOException {
        try (JsonParser p = factory.createParser(body)) {
            // The set of names per object is what this reader exists to avoid; the map finds duplicates.
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = object(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing content after the object");
            }
            return root;
        }
    }

    private ObjectNode object(JsonParser p) throws IOException {
        ObjectNode node = nodes.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (node.replace(name, value(p, p.nextToken())) != null) {
                // A signed body with two values for one name means what each reader wants: refused, as before.
                throw new IOException("duplicate name");
            }
        }
        return node;
    }

    private ArrayNode array(JsonParser p) throws IOException {
        ArrayNode node = nodes.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            node.add(value(p, t));
        }
        return node;
    }

    private JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                return object(p);
            case START_ARRAY:
                return array(p);
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return nodes.numberNode(p.getIntValue());
                    case LONG:
                        return nodes.numberNode(p.getLongValue());
                    default:
                        return nodes.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(p.getDecimalValue()); // never through double: amounts keep every digit
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default: // END_ARRAY where a value must be, for one: the parser normally refuses first
                throw new IOException("unexpected token " + t);
        }
    }
}
