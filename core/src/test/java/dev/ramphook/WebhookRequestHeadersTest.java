package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The request's headers, kept as arrays since issue 21, answer exactly as the case-insensitive {@code TreeMap} of
 * lists they replaced: random names over letters whose case folding is tricky (dotless i, long s, the Kelvin sign),
 * repeated names in other cases and as the very same instance (found by identity), look-ups by every spelling.
 */
class WebhookRequestHeadersTest {

    private static final char[] LETTERS = {'a', 'A', 'i', 'I', '\u0131', '\u0130', 's', 'S', '\u017F', 'k', 'K',
            '\u212A', '-', 'x', '\u00E9', '\u00C9'};

    @Test
    void headersAnswerAsTheCaseInsensitiveMapTheyReplaced() {
        Random random = new Random(21);
        for (int round = 0; round < 5_000; round++) {
            WebhookRequest.Builder builder = WebhookRequest.builder().path("/p");
            Map<String, List<String>> model = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            List<String> added = new ArrayList<>();
            int n = random.nextInt(20);
            for (int h = 0; h < n; h++) {
                int kind = added.isEmpty() ? 0 : random.nextInt(4);
                String name = kind < 2 ? name(random) : kind == 2 ? recased(random,
                        added.get(random.nextInt(added.size()))) : added.get(random.nextInt(added.size()));
                String value = "v" + h;
                builder.header(name, value);
                model.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                added.add(name);
            }
            WebhookRequest request = builder.build();
            List<String> probes = new ArrayList<>(added);
            for (int p = 0; p < 6; p++) {
                probes.add(name(random));
                if (!added.isEmpty()) {
                    probes.add(recased(random, added.get(random.nextInt(added.size()))));
                }
            }
            for (String probe : probes) {
                List<String> expected = model.getOrDefault(probe, List.of());
                assertThat(request.headers(probe)).as("headers(%s) of %s", probe, added).isEqualTo(expected);
                assertThat(request.header(probe).orElse(null)).as("header(%s) of %s", probe, added)
                        .isEqualTo(expected.isEmpty() ? null : expected.get(0));
                assertThat(request.headerNames().contains(probe)).as("contains(%s) of %s", probe, added)
                        .isEqualTo(model.containsKey(probe));
            }
            Set<String> names = request.headerNames();
            assertThat(names).hasSize(model.size());
            assertThat(new HashSet<>(names)).isEqualTo(new HashSet<>(model.keySet()));
            assertThat(new ArrayList<>(names)).as("first spellings, in the order first added")
                    .isEqualTo(added.stream().filter(model::containsKey).filter(new TreeSet<>(
                            String.CASE_INSENSITIVE_ORDER)::add).toList());
            WebhookRequest copy = request.toBuilder().build();
            for (String probe : probes) {
                assertThat(copy.headers(probe)).isEqualTo(request.headers(probe));
            }
        }
    }

    @Test
    void foldingAgreesWithEqualsIgnoreCase() {
        Random random = new Random(6);
        for (int i = 0; i < 100_000; i++) {
            String a = name(random);
            String b = recased(random, a);
            assertThat(a.equalsIgnoreCase(b)).isTrue();
            assertThat(WebhookRequest.fold(b)).as("%s and %s", a, b).isEqualTo(WebhookRequest.fold(a));
        }
    }

    /** The common names' folds are kept, not computed per call: any other instance or spelling folds the same. */
    @Test
    void commonNamesFoldAsAnyOtherSpellingOfThem() {
        for (String name : List.of("Content-Type", "Content-Length", "Content-Encoding", "Host", "User-Agent", "Accept",
                "Accept-Encoding", "Connection", "Transfer-Encoding", "Expect", "X-Forwarded-For")) {
            int fold = WebhookRequest.fold(name);
            assertThat(WebhookRequest.fold(new String(name))).as(name).isEqualTo(fold);
            assertThat(WebhookRequest.fold(name.toLowerCase(java.util.Locale.ROOT))).as(name).isEqualTo(fold);
            assertThat(WebhookRequest.fold(name.toUpperCase(java.util.Locale.ROOT))).as(name).isEqualTo(fold);
            WebhookRequest request = WebhookRequest.builder().method("POST").path("/x")
                    .header(name.toLowerCase(java.util.Locale.ROOT), "v").build();
            assertThat(request.header(name)).as(name).contains("v");
        }
    }

    private static String name(Random random) {
        int length = 1 + random.nextInt(4);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return b.toString();
    }

    /** {@code name} with each character replaced, at random, by one that equals it ignoring case. */
    private static String recased(Random random, String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            List<Character> same = new ArrayList<>();
            for (char other : LETTERS) {
                if (String.valueOf(c).equalsIgnoreCase(String.valueOf(other))) {
                    same.add(other);
                }
            }
            b.append(same.get(random.nextInt(same.size())));
        }
        return b.toString();
    }
}
