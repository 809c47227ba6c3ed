package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.internal.crypto.Sha256;
import org.junit.jupiter.api.Test;

/** The store's hasher writes ASCII keys into its own buffers; its hash must be the definition's, for any text. */
class DoneKeysHasherTest {

    @Test
    void hashesEveryKeyAsTheDefinitionDoes() {
        DoneKeys.Hasher hasher = new DoneKeys.Hasher();
        String[] keys = {"", "a", "RAMP_WIDGET.V1.PAYMENT.SETTLED:sess_000000000001:2026-12-06T10:05:00Z",
                "caf\u00e9", "\u20ac100", "emoji \ud83d\ude00", "x".repeat(509), "x".repeat(510), "x".repeat(4000),
                "nul\u0000inside", "\u007f"};
        for (String provider : new String[] {"zbd", "mecash", "pr\u00f6vider", ""}) {
            for (String key : keys) {
                assertThat(hasher.hash(provider, key)).as("%s / %s", provider, key)
                        .containsExactly(DoneKeys.hash(Sha256.newDigest(), provider, key));
            }
        }
    }

    @Test
    void aKeyHashedAfterAnotherIsNotMixedWithIt() {
        DoneKeys.Hasher hasher = new DoneKeys.Hasher();
        long[] first = hasher.hash("zbd", "k1");
        hasher.hash("zbd", "caf\u00e9"); // the fallback path in between
        assertThat(hasher.hash("zbd", "k1")).containsExactly(first);
        assertThat(hasher.hash("zbd", "k2")).isNotEqualTo(first);
    }
}
