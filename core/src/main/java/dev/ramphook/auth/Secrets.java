package dev.ramphook.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for secrets: validation (hashing is {@code dev.ramphook.internal.crypto.Sha256}'s). */
final class Secrets {

    private Secrets() {
    }

    static List<byte[]> utf8(String what, String... secrets) {
        if (secrets == null || secrets.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one secret");
        }
        List<byte[]> out = new ArrayList<>(secrets.length);
        for (String s : secrets) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException(what + ": a secret must not be null or empty");
            }
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return List.copyOf(out);
    }
}
