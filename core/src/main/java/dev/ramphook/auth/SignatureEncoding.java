package dev.ramphook.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** How a signature is written in a header. Decoding is lenient in form (case, alphabet, padding), never in value. */
enum SignatureEncoding {
    HEX {
        @Override
        String encode(byte[] signature) {
            return HexFormat.of().formatHex(signature); // lowercase, as senders write it
        }

        @Override
        byte[] decode(String text) {
            if (text.isEmpty() || text.length() % 2 != 0) {
                return null;
            }
            try {
                return HexFormat.of().parseHex(text); // accepts upper and lower case digits
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
    },
    BASE64 {
        @Override
        String encode(byte[] signature) {
            return Base64.getEncoder().encodeToString(signature);
        }

        @Override
        byte[] decode(String text) {
            if (text.isEmpty()) {
                return null;
            }
            boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            try {
                byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
                return urlSafe ? Base64.getUrlDecoder().decode(ascii) : Base64.getDecoder().decode(ascii);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
    };

    /** The signature as a sender writes it: lowercase hex, or standard padded base64. */
    abstract String encode(byte[] signature);

    /** The bytes, or {@code null} when {@code text} is not in this encoding. */
    abstract byte[] decode(String text);
}
