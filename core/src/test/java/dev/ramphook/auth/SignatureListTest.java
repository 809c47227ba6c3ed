package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SignatureList} against the character-by-character split it replaced, on random header values. */
class SignatureListTest {

    @Test
    void splitsAsBeforeOnRandomHeaderValues() {
        Random random = new Random(2026120613);
        String[] pieces = {"a", "0f", "sha256=", "v1", ",", " ", "\t", ", ", "  ", "=", "é", "\u00a0", "x".repeat(64)};
        for (int run = 0; run < 200_000; run++) {
            List<String> values = new ArrayList<>();
            for (int v = random.nextInt(3); v >= 0; v--) {
                StringBuilder value = new StringBuilder();
                for (int n = random.nextInt(8); n > 0; n--) {
                    value.append(pieces[random.nextInt(pieces.length)]);
                }
                values.add(value.toString());
            }
            int max = 1 + random.nextInt(4);
            assertThat(SignatureList.split(values, max)).as("%s, max %d", values, max)
                    .isEqualTo(oldSplit(values, max, ", \t"));
            assertThat(SignatureList.splitOnSpaces(values, max)).as("%s on spaces, max %d", values, max)
                    .isEqualTo(oldSplit(values, max, " \t"));
        }
    }

    /** The split as it was until 2026-12-06: a look-up in the separator string per character. */
    private static List<String> oldSplit(List<String> headerValues, int max, String separators) {
        List<String> out = new ArrayList<>(2);
        for (String value : headerValues) {
            int start = -1;
            for (int i = 0; i <= value.length() && out.size() < max; i++) {
                boolean separator = i == value.length() || separators.indexOf(value.charAt(i)) >= 0;
                if (separator && start >= 0) {
                    out.add(value.substring(start, i));
                    start = -1;
                } else if (!separator && start < 0) {
                    start = i;
                }
            }
        }
        return out;
    }
}
