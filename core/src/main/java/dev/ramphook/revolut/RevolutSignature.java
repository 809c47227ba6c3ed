package dev.ramphook.revolut;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.internal.crypto.ConstantTime;
import dev.ramphook.internal.text.Digits;
import dev.ramphook.internal.crypto.HmacKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Revolut Ramp's webhook signature: {@code Revolut-Request-Timestamp} (unix milliseconds) and
 * {@code Revolut-Signature: v1=<hex HMAC-SHA256>}, the HMAC of {@code "v1." + timestamp + "." + raw body} keyed with
 * the UTF-8 bytes of the webhook's signing secret ({@code wsk_…}). The signature header may list several
 * comma-separated {@code v1=} signatures while Revolut rotates the secret: one match is enough. The timestamp must
 * lie within the tolerance (default 5 minutes, as Revolut advises) of now, in either direction.
 *
 * <p>Immutable and thread-safe. Reasons name the failed check, never a secret or an expected signature.
 */
public final class RevolutSignature implements Authenticator {

    /** The signature header. */
    public static final String SIGNATURE_HEADER = "Revolut-Signature";
    /** The timestamp header, unix milliseconds. */
    public static final String TIMESTAMP_HEADER = "Revolut-Request-Timestamp";
    private static final int MAX_SIGNATURES = 16;
    /** Unix milliseconds have 13 digits until the year 2286; more is not a timestamp. */
    private static final int MAX_TIMESTAMP_DIGITS = 15;

    private final List<HmacKey> keys;
    private final Duration tolerance;
    private final Clock clock;
    private final boolean clockSet; // set on this authenticator: the receiver's clock does not replace it

    private RevolutSignature(List<HmacKey> keys, Duration tolerance, Clock clock, boolean clockSet) {
        this.keys = keys;
        this.tolerance = tolerance;
        this.clock = clock;
        this.clockSet = clockSet;
    }

    /**
     * Checks signatures made with any of {@code secrets} (the current one, and the previous one while rotating).
     *
     * @param secrets the signing secrets, {@code wsk_…}
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret or an empty one is given
     */
    public static RevolutSignature of(String... secrets) {
        if (secrets == null || secrets.length == 0) {
            throw new IllegalArgumentException("RevolutSignature needs at least one signing secret");
        }
        List<HmacKey> keys = new ArrayList<>(secrets.length);
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("RevolutSignature: a signing secret must not be null or empty");
            }
            keys.add(new HmacKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        }
        return new RevolutSignature(List.copyOf(keys), Duration.ofMinutes(5), Clock.systemUTC(), false);
    }

    /**
     * This check with another tolerance for the timestamp, either way.
     *
     * @param newTolerance how far the timestamp may be from now, positive; Revolut's scheme always checks the
     *                     timestamp, so zero is refused, not taken as "off"
     * @return a new authenticator with that tolerance
     * @throws IllegalArgumentException when the tolerance is zero or negative
     * @throws NullPointerException     when it is null
     */
    public RevolutSignature tolerance(Duration newTolerance) {
        Objects.requireNonNull(newTolerance, "tolerance");
        if (newTolerance.isNegative() || newTolerance.isZero()) {
            throw new IllegalArgumentException("RevolutSignature tolerance must be positive, got " + newTolerance);
        }
        return new RevolutSignature(keys, newTolerance, clock, clockSet);
    }

    /**
     * This check with another clock, for this authenticator alone. An explicit clock wins: a receiver built with this authenticator does not replace it with its own
     * ({@link #withDefaultClock}). Without one, the receiver's {@code WebhookReceiver.Builder.clock}
     * is used, and on its own (calling {@code verify} directly) the UTC system clock.
     *
     * @param newClock the clock that says what now is (and to sign with)
     * @return a new authenticator with that clock
     * @throws NullPointerException when it is null
     */
    public RevolutSignature clock(Clock newClock) {
        return new RevolutSignature(keys, tolerance, Objects.requireNonNull(newClock, "clock"), true);
    }

    /** A copy on the receiver's clock, unless {@link #clock} was set. */
    @Override
    public RevolutSignature withDefaultClock(Clock receiverClock) {
        Objects.requireNonNull(receiverClock, "clock");
        return clockSet ? this : new RevolutSignature(keys, tolerance, receiverClock, false);
    }

    /**
     * Adds {@code Revolut-Request-Timestamp} (the clock's now, in milliseconds) and {@code Revolut-Signature:
     * v1=<hex>} made with the first secret, as Revolut sends them. For tests and local tools.
     */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        String timestamp = Long.toString(clock.millis());
        byte[] mac = keys.get(0).mac(("v1." + timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
        return request.toBuilder().header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "v1=" + HexFormat.of().formatHex(mac)).build();
    }

    /** Refuses a delivery without either header before its body is read. */
    @Override
    public Verification checkBeforeBody(WebhookRequest request) {
        if (request.header(TIMESTAMP_HEADER).isEmpty()) {
            return Verification.unauthorized("missing signature header " + TIMESTAMP_HEADER);
        }
        return request.header(SIGNATURE_HEADER).isEmpty()
                ? Verification.unauthorized("missing signature header " + SIGNATURE_HEADER) : Verification.ok();
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        Verification present = checkBeforeBody(request);
        if (!present.isOk()) {
            return present;
        }
        String timestamp = request.header(TIMESTAMP_HEADER).orElseThrow().trim();
        long millis = Digits.parse(timestamp, MAX_TIMESTAMP_DIGITS);
        if (millis < 0) {
            return Verification.unauthorized("malformed " + TIMESTAMP_HEADER);
        }
        if (Math.abs(clock.millis() - millis) > tolerance.toMillis()) {
            return Verification.unauthorized("timestamp outside tolerance");
        }
        List<byte[]> given = signatures(request.headers(SIGNATURE_HEADER));
        if (given.isEmpty()) {
            return Verification.unauthorized("no v1= signature in " + SIGNATURE_HEADER);
        }
        byte[] prefix = ("v1." + timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return ConstantTime.anyMatch(keys, key -> key.mac(prefix, body), given) ? Verification.ok()
                : Verification.unauthorized("no matching signature");
    }

    /** The {@code v1=} signatures, hex-decoded; other versions and malformed entries are skipped. */
    private static List<byte[]> signatures(List<String> values) {
        List<byte[]> out = new ArrayList<>(2);
        for (String value : values) {
            for (String item : value.split(",")) {
                String entry = item.trim();
                if (out.size() < MAX_SIGNATURES && entry.startsWith("v1=")) {
                    byte[] decoded = hex(entry.substring(3));
                    if (decoded != null) {
                        out.add(decoded);
                    }
                }
            }
        }
        return out;
    }

    private static byte[] hex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Names the scheme; never a secret. */
    @Override
    public String toString() {
        return "RevolutSignature[tolerance=" + tolerance + ", secrets=" + keys.size() + "]";
    }
}
