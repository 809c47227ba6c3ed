package dev.ramphook.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key table of {@code docs/configuration.md} is the parser's table ({@link ReceiverSettings#keys()}), row for
 * row: a key added, renamed or re-documented in code fails here until the page says the same. The failure shows the
 * rows to paste.
 */
class ConfigurationDocTest {

    static final Path PAGE = Path.of("..", "docs", "configuration.md");

    static List<String> expectedRows() {
        List<String> rows = new ArrayList<>(List.of("| key | default | meaning |", "|---|---|---|"));
        for (ReceiverSettings.Key key : ReceiverSettings.keys()) {
            rows.add("| `" + key.name() + "` | " + key.defaultValue() + " | " + key.meaning() + " |");
        }
        return rows;
    }

    @Test
    void thePagesKeyTableIsTheParsersTable() throws Exception {
        List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        int start = lines.indexOf("| key | default | meaning |");
        List<String> table = new ArrayList<>();
        for (int i = start; i >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.add(lines.get(i));
        }

        assertThat(String.join("\n", table)).as("the key table of %s", PAGE)
                .isEqualTo(String.join("\n", expectedRows()));
    }
}
