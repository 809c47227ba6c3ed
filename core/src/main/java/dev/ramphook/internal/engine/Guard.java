package dev.ramphook.internal.engine;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.DeliveryListener.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Step 2 of the delivery path: every check that needs no body, run before a single body byte is read (and so
 * before a container sends {@code 100 Continue}). A sender that fails one costs a socket and these few checks,
 * never an upload. Cheapest and least revealing first: method, then who is calling (source address, URL token,
 * the presence of a signature), then what is being sent (media type, encoding, charset, declared length).
 */
final class Guard {

    /** Why a request was refused before its body: an HTTP status, a stable code and a reason without request data. */
    record Refusal(int status, Reason code, String reason) {
    }

    /** Charsets whose bytes are UTF-8 (RFC 8259: JSON exchanged between systems is UTF-8). */
    private static final List<String> UTF_8_NAMES = List.of("utf-8", "utf8", "us-ascii");

    private Guard() {
    }

    /** The first check {@code request}'s head fails, or {@code null} when its body is worth reading. */
    static Refusal screen(WebhookRequest request, Authenticator authenticator, int maxBodyBytes) {
        if (!"POST".equals(request.method())) {
            return new Refusal(405, Reason.METHOD_NOT_ALLOWED,
                    "method " + safeMethod(request.method()) + " not allowed; use POST");
        }
        Verification caller = authenticator.checkBeforeBody(request);
        if (!caller.isOk()) {
            return new Refusal(caller.status(), authenticationCode(caller),
                    caller.reason().orElse("not authenticated"));
        }
        Optional<String> contentType = request.header("Content-Type");
        if (contentType.isPresent()) {
            Refusal media = checkMediaType(contentType.get());
            if (media != null) {
                return media;
            }
        }
        List<String> encodings = request.headers("Content-Encoding");
        for (int i = 0; i < encodings.size(); i++) { // by index: most requests have none, and need no iterator
            for (String coding : encodings.get(i).split(",")) {
                if (!coding.isBlank() && !coding.trim().equalsIgnoreCase("identity")) {
                    return new Refusal(415, Reason.UNSUPPORTED_ENCODING,
                            "Content-Encoding is not supported; send the body uncompressed");
                }
            }
        }
        Optional<String> length = request.header("Content-Length");
        if (length.isPresent() && declaredTooLarge(length.get(), maxBodyBytes)) {
            return new Refusal(413, Reason.BODY_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
        }
        return null;
    }

    /** The code of an authenticator's refusal: 403 is a caller it does not allow, anything else unauthenticated. */
    static Reason authenticationCode(Verification verification) {
        return verification.status() == 403 ? Reason.FORBIDDEN : Reason.NOT_AUTHENTICATED;
    }

    private static Refusal checkMediaType(String contentType) {
        if (contentType.equals("application/json")) {
            return null; // what nearly every sender writes, exactly: no split, no lower-cased copy
        }
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
            return new Refusal(415, Reason.UNSUPPORTED_MEDIA_TYPE, "content type must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = parts[i].substring(eq + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!UTF_8_NAMES.contains(charset)) {
                    return new Refusal(415, Reason.UNSUPPORTED_MEDIA_TYPE, "charset must be UTF-8");
                }
            }
        }
        return null;
    }

    private static boolean declaredTooLarge(String contentLength, int maxBodyBytes) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the body read enforces the limit anyway
        }
    }

    /** The method for a reason text, or {@code (invalid)}: a sender's bytes are never echoed unchecked. */
    static String safeMethod(String method) {
        return method.length() <= 16 && method.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? method : "(invalid)";
    }
}
