package dev.ramphook.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for secrets: validation and constant-time comparison. */
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

    private static final MessageDigest SHA256 = prototype();

    /** Comparing hashes with MessageDigest.isEqual is constant-time and also hides the secret's length. */
    static byte[] sha256(byte[] in) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA256.clone(); // skips the reflective provider look-up of getInstance
        } catch (CloneNotSupportedException e) {
            digest = prototype();
        }
        return digest.digest(in);
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
