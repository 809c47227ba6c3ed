package dev.ramphook.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every name found as the table's own instance; anything else, however close, not found. */
class NameTableTest {

    private static final String PREFIX = "P.V1.";

    @Test
    void everyNameIsFoundAsTheTablesOwnStringAndNearMissesAreNot() {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            names.put(PREFIX + "EVENT_" + (char) ('A' + i % 26) + i + ".DONE", i % 2 == 0 ? String.class : Integer.class);
        }
        NameTable<Map.Entry<String, Class<?>>> table = new NameTable<>(names, PREFIX.length(), Map::entry);

        names.forEach((name, type) -> {
            Map.Entry<String, Class<?>> found = table.find(new String(name)); // another instance, as delivered
            assertThat(found.getKey()).isSameAs(names.keySet().stream().filter(name::equals).findFirst().get());
            assertThat(found.getValue()).isEqualTo(type);
            for (int at = 0; at < name.length(); at++) { // one character changed anywhere
                assertThat(table.find(name.substring(0, at) + '#' + name.substring(at + 1))).isNull();
            }
            assertThat(table.find(name + "X")).isNull();
            assertThat(table.find(name.substring(0, name.length() - 1))).isNull();
        });
        assertThat(table.find("")).isNull();
        assertThat(table.find(PREFIX)).isNull();
        assertThat(table.find(PREFIX + "E")).isNull();
    }
}
