package dev.ramphook.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known key a misspelt one was meant to be, for the "did you mean" of an unknown-key error. Edit distance
 * with transpositions (optimal string alignment), so {@code secert-env} is one step from {@code secret-env}.
 */
final class KeySpelling {

    private KeySpelling() {
    }

    /** The closest candidate, when it is close enough to be a typo rather than another key altogether. */
    static Optional<String> closest(String key, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= allowed(key) ? Optional.of(best) : Optional.empty();
    }

    // About a third of the last dotted segment, at least 2: wider than that, the "suggestion" is another key.
    private static int allowed(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        return Math.max(2, last.length() / 3);
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
