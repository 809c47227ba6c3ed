package dev.ramphook.auth;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.crypto.ConstantTime;
import dev.ramphook.internal.crypto.HmacKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed timestamp in one header, Stripe and MoonPay style: {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]},
 * where each signature is the hex HMAC-SHA256 of {@code t + "." + body} with the secret's UTF-8 bytes as key.
 * Any listed signature may match (the sender signs with old and new secrets while rolling); entries of other
 * schemes ({@code v0=…}) are ignored.
 *
 * <p><b>Time policy.</b> The timestamp must lie within the tolerance (default 5 minutes) of now <em>in both
 * directions</em>: an old delivery is a replay, and one dated ahead by more than the tolerance is refused too
 * (Stripe's own library checks only the past; a clock running fast by less than the tolerance is still
 * accepted). The tolerance is always positive; {@link #withoutTimeCheck()} is the one way to check the signature
 * alone.
 *
 * <pre>{@code
 * TimestampedSignature.stripe("whsec_…")                       // Stripe-Signature: t=…,v1=…
 * TimestampedSignature.of("Moonpay-Signature-V2", apiKey).scheme("s")   // Moonpay-Signature-V2: t=…,s=…
 * TimestampedSignature.of("X-Signature", secret).scheme("v2").tolerance(Duration.ofMinutes(1))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TimestampedSignature implements Authenticator {

    private final String header;
    private final String scheme;
    private final List<HmacKey> keys;
    private final TimeWindow window;

    private TimestampedSignature(String header, String scheme, List<HmacKey> keys, TimeWindow window) {
        this.header = header;
        this.scheme = scheme;
        this.keys = keys;
        this.window = window;
    }

    /**
     * {@code t=…,v1=…} in {@code header}, with a 5-minute tolerance and the UTC system clock.
     *
     * @param header  the request header, such as {@code Moonpay-Signature-V2}
     * @param secrets one or more secrets, as UTF-8 (several during a rotation: any one may have signed)
     * @return the authenticator, immutable and thread-safe
     * @throws IllegalArgumentException when the header name is blank, no secret is given, or one is null or empty
     */
    public static TimestampedSignature of(String header, String... secrets) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("TimestampedSignature: the header name must not be blank");
        }
        return new TimestampedSignature(header.trim(), "v1",
                HmacAlgorithm.SHA256.keys(Secrets.utf8("TimestampedSignature", secrets)),
                TimeWindow.fiveMinutes());
    }

    /**
     * Stripe's {@code Stripe-Signature: t=…,v1=…}.
     *
     * @param secrets the endpoint's signing secrets, each the whole {@code whsec_…} string
     * @return the authenticator, immutable and thread-safe
     * @throws IllegalArgumentException when no secret is given, or one is null or empty
     */
    public static TimestampedSignature stripe(String... secrets) {
        return of("Stripe-Signature", secrets);
    }

    /**
     * The key that labels signatures, {@code v1} unless the sender uses another, such as MoonPay's {@code s}.
     *
     * @param scheme a plain label other than {@code t}
     * @return a copy of this check with the label
     * @throws IllegalArgumentException when it is blank, {@code t}, or contains {@code =} or {@code ,}
     */
    public TimestampedSignature scheme(String scheme) {
        if (scheme == null || scheme.isBlank() || scheme.equals("t") || scheme.contains("=") || scheme.contains(",")) {
            throw new IllegalArgumentException("TimestampedSignature: scheme must be a plain label other than t");
        }
        return new TimestampedSignature(header, scheme, keys, window);
    }

    /**
     * How far {@code t} may be from now, either way; default 5 minutes. A replay inside the window is caught by
     * deduplication. Also turns the time check back on after {@link #withoutTimeCheck()}.
     *
     * @param tolerance the window, positive (zero is refused, not taken as "off": see {@link #withoutTimeCheck()})
     * @return a copy of this check with the tolerance
     * @throws IllegalArgumentException when it is zero or negative
     * @throws NullPointerException     when it is null
     */
    public TimestampedSignature tolerance(Duration tolerance) {
        return new TimestampedSignature(header, scheme, keys,
                window.withTolerance("TimestampedSignature", tolerance, "withoutTimeCheck()"));
    }

    /**
     * A copy that checks the signature but not how far {@code t} is from now: for a sender whose clock cannot be
     * trusted, or deliveries re-sent from an archive. A captured delivery can then be replayed at any time; only
     * deduplication (within the receiver's retention) stops it, so prefer a generous {@link #tolerance} where you
     * can. The servlet configuration's {@code tolerance=0} for {@code auth=timestamped} means this.
     *
     * @return a copy of this check without the time check; {@link #tolerance} turns it on again
     */
    public TimestampedSignature withoutTimeCheck() {
        return new TimestampedSignature(header, scheme, keys, window.withoutCheck());
    }

    /**
     * The clock that says what now is, for this authenticator alone. An explicit clock wins: a receiver built with this authenticator does not replace it with its own
     * ({@link Authenticator#withDefaultClock}). Without one, the receiver's {@code WebhookReceiver.Builder.clock}
     * is used, and on its own (calling {@code verify} directly) the UTC system clock.
     *
     * @param clock the clock to check timestamps against (and to sign with)
     * @return a copy of this check with the clock
     * @throws NullPointerException when it is null
     */
    public TimestampedSignature clock(Clock clock) {
        return new TimestampedSignature(header, scheme, keys, window.withClock(clock));
    }

    /** A copy on the receiver's clock, unless {@link #clock} was set. */
    @Override
    public TimestampedSignature withDefaultClock(Clock clock) {
        return new TimestampedSignature(header, scheme, keys, window.withDefaultClock(clock));
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        Optional<String> value = request.header(header).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Verification.unauthorized("missing signature header " + header);
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>(2);
        boolean labelled = false;
        for (String item : SignatureList.split(List.of(value.get()), HmacSignature.MAX_SIGNATURES + 1)) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            String text = eq < 0 ? "" : item.substring(eq + 1);
            if (key.equals("t")) {
                if (timestamp != null) {
                    return Verification.unauthorized("more than one timestamp in " + header);
                }
                timestamp = text;
            } else if (key.equals(scheme)) {
                labelled = true;
                byte[] signature = SignatureEncoding.HEX.decode(text);
                if (signature != null) {
                    signatures.add(signature);
                }
            }
        }
        if (timestamp == null) {
            return Verification.unauthorized("no timestamp t= in " + header);
        }
        long seconds = TimeWindow.parseSeconds(timestamp);
        if (seconds < 0) {
            return Verification.unauthorized("malformed timestamp in " + header);
        }
        if (!labelled) {
            return Verification.unauthorized("no " + scheme + "= signature in " + header);
        }
        if (!window.accepts(seconds)) {
            return Verification.unauthorized("timestamp outside tolerance");
        }
        byte[] signedPrefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return ConstantTime.anyMatch(keys, key -> key.mac(signedPrefix, body), signatures) ? Verification.ok()
                : Verification.unauthorized("no matching signature");
    }

    /** Adds {@code t=<now>,<scheme>=<hex>} in the header, signed with the first secret at the clock's now. */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        String t = Long.toString(window.clock().instant().getEpochSecond());
        byte[] mac = keys.get(0).mac((t + ".").getBytes(StandardCharsets.US_ASCII), body);
        return request.toBuilder().header(header, "t=" + t + "," + scheme + "=" + SignatureEncoding.HEX.encode(mac))
                .build();
    }

    /** Names the scheme; never a secret. */
    @Override
    public String toString() {
        return "TimestampedSignature[header=" + header + ", scheme=" + scheme + ", tolerance="
                + window.describe() + ", secrets=" + keys.size() + "]";
    }
}
