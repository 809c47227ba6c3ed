package dev.ramphook.servlet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata IDEs complete keys from lists exactly the keys of the parser's table
 * ({@code ReceiverSettings.keys()}, which docs/configuration.md is checked against too).
 */
class SpringMetadataTest {

    private static JsonNode metadata() throws Exception {
        try (InputStream in = SpringMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyGlobalKeyIsAProperty() throws Exception {
        List<String> names = new ArrayList<>();
        metadata().path("properties").forEach(p -> names.add(p.path("name").asText()));

        assertThat(names).contains("ramphook.endpoint");
        for (String key : SpringSettings.GLOBAL_KEYS) {
            assertThat(names).contains("ramphook." + key);
        }
    }

    @Test
    void everyPropertyIsAKeyOfTheTable() throws Exception {
        List<String> names = new ArrayList<>();
        metadata().path("properties").forEach(p -> names.add(p.path("name").asText()));
        names.remove("ramphook.endpoint");

        assertThat(names).allMatch(name -> SpringSettings.GLOBAL_KEYS.contains(name.substring("ramphook.".length())),
                "a key of ReceiverSettings.keys()");
    }

    @Test
    void everyEndpointKeyIsSuggestedBelowAnEndpointName() throws Exception {
        List<String> suggested = new ArrayList<>();
        metadata().path("hints").forEach(hint -> {
            if (hint.path("name").asText().equals("ramphook.endpoint.keys")) {
                hint.path("values").forEach(v -> suggested.add(v.path("value").asText()));
            }
        });

        for (String key : SpringSettings.ENDPOINT_KEYS) {
            assertThat(suggested).contains("zbd." + key, "mecash." + key);
        }
    }
}
