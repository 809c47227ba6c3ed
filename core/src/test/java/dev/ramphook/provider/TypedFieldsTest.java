package dev.ramphook.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TypedFieldsTest {

    record Payment(String id, BigDecimal amount) {
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void everyFieldFittingGivesTheRecord() throws Exception {
        JsonNode data = json("{\"id\":7,\"amount\":\"1.50\"}");
        TypedFields f = TypedFields.of("shop", "paid");

        Object result = f.typedOr(new Payment(f.id(data, "data", "id"), f.decimal(data, "data", "amount")), data);

        assertThat(result).isEqualTo(new Payment("7", new BigDecimal("1.50")));
        assertThat(f.problem()).isEmpty();
    }

    @Test
    void theFirstFieldThatDoesNotFitIsNamedAndTheJsonDelivered() throws Exception {
        JsonNode data = json("{\"amount\":\"ten\"}");
        TypedFields f = TypedFields.of("shop", "paid");

        Object result = f.typedOr(new Payment(f.id(data, "data", "id"), f.decimal(data, "data", "amount")), data);

        assertThat(result).isSameAs(data);
        assertThat(f.problem()).hasValue("data.id is missing");
    }

    @Test
    void optionalFieldsMayBeAbsentButNotOfAnotherShape() throws Exception {
        JsonNode data = json("{\"note\":5}");
        TypedFields f = TypedFields.of("shop", "paid");

        assertThat(f.optionalText(data, "data", "absent")).isEmpty();
        assertThat(f.problem()).isEmpty();
        assertThat(f.optionalText(data, "data", "note")).isEmpty();
        assertThat(f.problem()).hasValue("data.note is not a string");
    }

    @Test
    void aNameWithoutARecordTypeIsDeliveredAsJson() throws Exception {
        JsonNode data = json("{}");

        assertThat(TypedFields.of("shop", "other").typedOr(null, data)).isSameAs(data);
    }
}
